package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ProbeChannels}: reuse, restart after a death, timeouts, concurrency and close, against real local shells. */
class ProbeChannelsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final LocalChannels local = new LocalChannels();

    @AfterEach
    void close() {
        local.close();
    }

    private PodExec.Outcome run(String pod, String... command) {
        return local.channels.run("ns", pod, "probe", List.of(command), TIMEOUT);
    }

    @Test
    void probesOfOneClientShareOneChannel() {
        for (int i = 0; i < 10; i++) {
            assertThat(run("a", "echo", "probe " + i).stdout()).isEqualTo("probe " + i + "\n");
        }
        assertThat(run("b", "echo", "other pod").stdout()).isEqualTo("other pod\n");

        assertThat(local.transport.opened.get()).isEqualTo(2);
        assertThat(local.channels.openChannels()).isEqualTo(2);
        assertThat(local.oneShot.ran).isEmpty();
    }

    @Test
    void concurrentProbesOfOneClientEachGetTheirOwnAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String pod = t < 6 ? "same" : "other-" + t;
                for (int i = 0; i < 15; i++) {
                    String token = "t" + t + "-" + i;
                    all.add(pool.submit(() -> {
                        PodExec.Outcome o = run(pod, "sh", "-c", "echo " + token + "; echo " + token + " >&2");
                        assertThat(o.stdout()).isIn(token + "\n", "one-shot: sh -c echo " + token + "; echo " + token + " >&2");
                        if (o.stdout().equals(token + "\n")) {
                            assertThat(o.stderr()).isEqualTo(token + "\n");
                        }
                    }));
                }
            }
            for (Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // three pods, each probed from several threads at once: at most MAX_PER_TARGET channels each, all kept
        assertThat(local.transport.opened.get()).isBetween(3, 3 * ProbeChannels.MAX_PER_TARGET);
        assertThat(local.channels.openChannels()).isEqualTo(local.transport.opened.get());
    }

    @Test
    void aChannelThatDiedBetweenProbesIsOpenedAgain() {
        assertThat(run("a", "echo", "one").stdout()).isEqualTo("one\n");
        local.transport.shells.get(0).kill(); // the pod restarted, the exec closed
        await().atMost(Duration.ofSeconds(10)).until(() -> !local.transport.shells.get(0).process.isAlive());

        assertThat(run("a", "echo", "two").stdout()).isIn("two\n", "one-shot: echo two");
        assertThat(run("a", "echo", "three").stdout()).isEqualTo("three\n");
        assertThat(local.transport.opened.get()).isEqualTo(2);
        assertThat(local.channels.openChannels()).isEqualTo(1);
    }

    @Test
    void aChannelThatDiesUnderAProbeRunsItOnceMoreTheOneShotWay() {
        List<String> command = List.of("sh", "-c", "kill -9 $PPID; sleep 30");
        long start = System.nanoTime();
        PodExec.Outcome o = local.channels.run("ns", "a", "probe", command, TIMEOUT);

        assertThat(o.stdout()).isEqualTo("one-shot: sh -c kill -9 $PPID; sleep 30");
        assertThat(local.oneShot.ran).containsExactly(command);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(run("a", "echo", "next").stdout()).isEqualTo("next\n");
        assertThat(local.transport.opened.get()).isEqualTo(2);
    }

    @Test
    void anOverrunIsReportedAsTheOneShotExecReportsItAndNotRunAgain() {
        long start = System.nanoTime();
        PodExec.Outcome o = local.channels.run("ns", "a", "probe", List.of("sleep", "30"), Duration.ofMillis(500));

        assertThat(o.exitCode()).isEqualTo(-1);
        assertThat(o.stderr()).isEqualTo("\n(exec did not finish within 500 ms)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(local.oneShot.ran).isEmpty();
        assertThat(local.channels.openChannels()).isZero();
        assertThat(run("a", "echo", "after").stdout()).isEqualTo("after\n");
    }

    @Test
    void aProgramThatIsNotThereRunsTheOneShotWay() {
        assertThat(run("a", "no-such-program-k8snet", "x").stdout()).isEqualTo("one-shot: no-such-program-k8snet x");
        assertThat(run("a", "echo", "still").stdout()).isEqualTo("still\n");
        assertThat(local.transport.opened.get()).isEqualTo(1);
    }

    @Test
    void aCommandNoShellLineCanCarryRunsTheOneShotWayAndLeavesTheChannelAlone() {
        assertThat(run("a", "echo", "first").stdout()).isEqualTo("first\n");
        assertThat(run("a", "printf", "a\0b").stdout()).isEqualTo("one-shot: printf a\0b");
        assertThat(local.channels.run("ns", "a", "probe", List.of(), TIMEOUT).stdout()).isEqualTo("one-shot: ");
        assertThat(run("a", "echo", "second").stdout()).isEqualTo("second\n");
        assertThat(local.transport.opened.get()).isEqualTo(1);
    }

    @Test
    void aContainerWithoutAShellIsProbedTheOneShotWayAfterTwoFailedStarts() {
        ProbeChannels noShell = new ProbeChannels(local.oneShot, new LocalShell("true"));
        LocalShell refusing = new LocalShell();
        refusing.refuse = new IllegalStateException("exec refused: 403");
        ProbeChannels refused = new ProbeChannels(local.oneShot, refusing);
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(noShell.run("ns", "a", "c", List.of("echo", "x"), TIMEOUT).stdout()).isEqualTo("one-shot: echo x");
                assertThat(refused.run("ns", "a", "c", List.of("echo", "y"), TIMEOUT).stdout()).isEqualTo("one-shot: echo y");
            }
            assertThat(refusing.attempts.get()).isEqualTo(ProbeChannels.FAILED_STARTS);
            assertThat(local.oneShot.ran).hasSize(10);
        } finally {
            noShell.close();
            refused.close();
        }
    }

    @Test
    void aContainerWhoseChannelsFailedToStartIsTriedAgainAfterTheCoolDown() {
        LocalShell restarting = new LocalShell();
        restarting.refuse = new IllegalStateException("connection refused: the API server restarts");
        ProbeChannels channels = new ProbeChannels(local.oneShot, restarting, Duration.ofSeconds(2));
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                assertThat(channels.run("ns", "a", "c", List.of("echo", "x"), TIMEOUT).stdout()).isEqualTo("one-shot: echo x");
            }
            assertThat(restarting.attempts.get()).isEqualTo(ProbeChannels.FAILED_STARTS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("still within the cool-down").isLessThan(Duration.ofSeconds(2));
            restarting.refuse = null; // the API server is back

            await().atMost(Duration.ofSeconds(10)).until(() -> channels.run("ns", "a", "c", List.of("echo", "y"), TIMEOUT)
                    .stdout().equals("y\n"));
            assertThat(restarting.attempts.get()).isEqualTo(ProbeChannels.FAILED_STARTS + 1);
            assertThat(channels.run("ns", "a", "c", List.of("echo", "z"), TIMEOUT).stdout()).isEqualTo("z\n");
        } finally {
            channels.close();
        }
    }

    @Test
    void closeEndsEveryChannelAndLeavesNoThreadOrProcess() throws Exception {
        for (String pod : List.of("a", "b", "c")) {
            run(pod, "true");
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<PodExec.Outcome> inFlight = pool.submit(() -> run("a", "sleep", "30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> local.transport.opened.get() == 3 && local.channels.openChannels() == 3
                && local.transport.shells.get(0).process.descendants().findAny().isPresent());

        local.channels.close();

        assertThat(inFlight.get(10, TimeUnit.SECONDS).stdout()).isEqualTo("one-shot: sleep 30");
        pool.shutdown();
        assertThat(local.channels.openChannels()).isZero();
        assertThat(local.transport.liveProcesses()).isZero();
        assertThat(local.transport.liveThreads()).isZero();
        assertThat(run("a", "echo", "after close").stdout()).isEqualTo("one-shot: echo after close");
        assertThat(local.transport.opened.get()).isEqualTo(3);
    }
}
