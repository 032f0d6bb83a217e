package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link ProbeChannel} against a real local shell ({@link LocalShell}): what a command did comes back as an exec reports it. */
class ProbeChannelTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final LocalShell transport = new LocalShell();
    private final ProbeChannel channel = new ProbeChannel(transport, "ns", "probe", "probe");

    @AfterEach
    void close() {
        channel.close();
    }

    private PodExec.Outcome run(String... command) {
        ProbeChannel.Reply reply = channel.run(List.of(command), TIMEOUT, System.nanoTime());
        assertThat(reply).isInstanceOf(ProbeChannel.Done.class);
        return ((ProbeChannel.Done) reply).outcome();
    }

    @Test
    void stdoutStderrAndExitCodeOfEachCommandComeBackSeparately() {
        PodExec.Outcome o = run("sh", "-c", "echo out; echo err >&2; exit 3");

        assertThat(o.exitCode()).isEqualTo(3);
        assertThat(o.stdout()).isEqualTo("out\n");
        assertThat(o.stderr()).isEqualTo("err\n");
        assertThat(run("printf", "no trailing newline").stdout()).isEqualTo("no trailing newline");
        assertThat(run("true").stdout()).isEmpty();
        assertThat(run("false").exitCode()).isEqualTo(1);
    }

    @Test
    void argumentsAreLiteralNeverShellCode() {
        String nasty = "it's \"quoted\" $(echo no) `echo no` $HOME; *\n second line \\ %s %%";
        PodExec.Outcome o = run("printf", "%s", nasty);

        assertThat(o.stdout()).isEqualTo(nasty);
        assertThat(o.exitCode()).isZero();
    }

    @Test
    void outputThatLooksLikeFramingIsOutput() {
        String fake = "\nk8snet-00000000000000000000000000000000 0 E 0\nk8snet-x 1 B\n\n";
        PodExec.Outcome o = run("printf", "%s", fake);

        assertThat(o.stdout()).isEqualTo(fake);
        assertThat(run("echo", "next").stdout()).isEqualTo("next\n");
    }

    @Test
    void binaryAndHugeOutputSurvive() {
        PodExec.Outcome binary = run("printf", "a\\000b\\377\\n\\001");
        assertThat(binary.stdout().getBytes(StandardCharsets.UTF_8)).startsWith('a', 0, 'b');
        assertThat(binary.stdout()).endsWith("\n\u0001");

        PodExec.Outcome huge = run("sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo line-$i-0123456789012345678901234567890123456789; i=$((i+1)); done");
        assertThat(huge.stdout().lines()).hasSize(20000).endsWith("line-19999-0123456789012345678901234567890123456789");
    }

    @Test
    void aCommandReadingStdinGetsNothingAndCannotEatTheNextRequest() {
        assertThat(run("cat").stdout()).isEmpty();
        assertThat(run("echo", "still there").stdout()).isEqualTo("still there\n");
    }

    @Test
    void aProgramThatIsNotThereIsLeftToTheOneShotExec() {
        assertThat(channel.run(List.of("no-such-program-k8snet"), TIMEOUT, System.nanoTime())).isInstanceOf(ProbeChannel.NotFound.class);
        assertThat(channel.alive()).isTrue();
    }

    @Test
    @DisplayName("a command that overruns its timeout answers exit -1 with the one-shot exec's note, and ends the channel")
    void overrunEndsTheChannel() {
        long start = System.nanoTime();
        ProbeChannel.Reply reply = channel.run(List.of("sh", "-c", "echo started; sleep 30"), Duration.ofMillis(700), start);

        assertThat(reply).isInstanceOf(ProbeChannel.Done.class);
        PodExec.Outcome o = ((ProbeChannel.Done) reply).outcome();
        assertThat(o.exitCode()).isEqualTo(-1);
        assertThat(o.stdout()).isEqualTo("started\n");
        assertThat(o.stderr()).isEqualTo("\n(exec did not finish within 700 ms)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(600), Duration.ofSeconds(5));
        assertThat(channel.alive()).isFalse();
        assertThat(channel.run(List.of("true"), TIMEOUT, System.nanoTime())).isInstanceOf(ProbeChannel.Died.class);
    }

    @Test
    void aShellThatDiesUnderARequestAnswersDiedAtOnce() {
        run("true");
        long start = System.nanoTime();
        ProbeChannel.Reply reply = channel.run(List.of("sh", "-c", "sleep 0.3; kill -9 $PPID; sleep 30"), TIMEOUT, start);

        assertThat(reply).isInstanceOf(ProbeChannel.Died.class);
        assertThat(((ProbeChannel.Died) reply).everAnswered()).isTrue();
        assertThat(((ProbeChannel.Died) reply).why()).startsWith("the shell exited with");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(channel.alive()).isFalse();
    }

    @Test
    void closeEndsTheShellAndItsThreads() {
        run("true");
        channel.close();

        assertThat(channel.alive()).isFalse();
        assertThat(transport.liveProcesses()).isZero();
        assertThat(transport.liveThreads()).isZero();
        assertThat(channel.run(List.of("true"), TIMEOUT, System.nanoTime())).isInstanceOf(ProbeChannel.Died.class);
    }
}
