package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ExecTransport} with the real fabric8 client over a real websocket ({@link ExecApiServer} on loopback). */
class ExecTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ExecApiServer api = new ExecApiServer();
    private final PodExec oneShot = new PodExec(api.client());
    private final ProbeChannels channels = new ProbeChannels(oneShot, new ExecTransport(api.client()));

    @AfterEach
    void close() {
        channels.close();
        api.close();
    }

    private PodExec.Outcome run(String... command) {
        return channels.run("ns", "probe", "probe", List.of(command), TIMEOUT);
    }

    @Test
    void probesRunThroughOneExec() {
        PodExec.Outcome one = run("sh", "-c", "echo out; echo err >&2; exit 3");
        PodExec.Outcome two = run("printf", "%s", "no newline");

        assertThat(one.exitCode()).isEqualTo(3);
        assertThat(one.stdout()).isEqualTo("out\n");
        assertThat(one.stderr()).isEqualTo("err\n");
        assertThat(two.stdout()).isEqualTo("no newline");
        assertThat(api.processes).as("one exec: the channel's shell").hasSize(1);
        assertThat(channels.openChannels()).isEqualTo(1);
    }

    @Test
    void theOneShotExecGivesTheSameAnswer() {
        PodExec.Outcome channel = run("sh", "-c", "echo out; echo err >&2; exit 3");
        PodExec.Outcome direct = oneShot.run("ns", "probe", "probe", List.of("sh", "-c", "echo out; echo err >&2; exit 3"), TIMEOUT);

        assertThat(direct.exitCode()).isEqualTo(channel.exitCode());
        assertThat(direct.stdout()).isEqualTo(channel.stdout());
        assertThat(direct.stderr()).isEqualTo(channel.stderr());
    }

    @Test
    void anExecClosedByTheServerIsOpenedAgain() {
        assertThat(run("echo", "before").stdout()).isEqualTo("before\n");
        api.dropAll(); // an API server restart
        await().atMost(TIMEOUT).until(() -> api.liveProcesses() == 0);

        assertThat(run("echo", "after").stdout()).isEqualTo("after\n");
        assertThat(run("echo", "again").stdout()).isEqualTo("again\n");
        assertThat(api.processes).as("the first shell, maybe a one-shot exec, and the new shell").hasSizeBetween(2, 3);
        assertThat(channels.openChannels()).isEqualTo(1);
    }

    @Test
    void closingTheChannelsEndsTheExecAndItsShell() {
        run("true");
        channels.close();

        await().atMost(TIMEOUT).until(() -> api.liveProcesses() == 0);
        assertThat(channels.openChannels()).isZero();
    }

    @Test
    void anOverrunClosesTheExecAndReportsLikeTheOneShotExec() {
        PodExec.Outcome o = channels.run("ns", "probe", "probe", List.of("sleep", "30"), Duration.ofMillis(800));

        assertThat(o.exitCode()).isEqualTo(-1);
        assertThat(o.stderr()).isEqualTo("\n(exec did not finish within 800 ms)");
        await().atMost(TIMEOUT).until(() -> api.liveProcesses() == 0);
        assertThat(run("echo", "next").stdout()).isEqualTo("next\n");
    }

    @Test
    void anExecDroppedUnderAProbeRunsItAsAOneShotExec() throws Exception {
        run("true");
        Thread dropper = new Thread(() -> {
            await().atMost(TIMEOUT).until(() -> api.processes.get(0).descendants().findAny().isPresent());
            api.dropAll();
        });
        dropper.start();

        PodExec.Outcome o = run("sh", "-c", "sleep 1; echo done");
        dropper.join();

        assertThat(o.exitCode()).isZero();
        assertThat(o.stdout()).isEqualTo("done\n");
        assertThat(api.processes).as("the channel's shell, then the one-shot exec").hasSize(2);
    }
}
