package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Progress of named waits: INFO at most every few seconds with what, how far and the elapsed time; DEBUG per poll. */
class WaitProgressTest {

    @Test
    void aShortWaitSaysNothingAtInfo() {
        RecordingLogger log = new RecordingLogger(Level.INFO);
        WaitProgress progress = new WaitProgress("deployment web: all replicas Ready", Duration.ofMinutes(3), () -> "ready 1/2", log);

        progress.polled(150, false);
        progress.polled(2900, false);
        progress.polled(2950, true);

        assertThat(log.lines).isEmpty();
    }

    @Test
    void aLongWaitSaysWhatHowFarAndHowLongAtMostEveryFiveSecondsAndWhenItIsDone() {
        RecordingLogger log = new RecordingLogger(Level.INFO);
        AtomicInteger ready = new AtomicInteger();
        WaitProgress progress = new WaitProgress("deployment web: all replicas Ready", Duration.ofMinutes(3),
                () -> "ready " + ready.get() + "/2", log);

        for (long t = 0; t <= 12_000; t += 150) { // polls every 150 ms for 12 s
            ready.set(t < 6000 ? 0 : 1);
            progress.polled(t, false);
        }
        progress.polled(12_100, true);

        assertThat(log.at(Level.INFO)).containsExactly(
                "deployment web: all replicas Ready: waiting, ready 0/2 after 3.0 s (bound 3m)",
                "deployment web: all replicas Ready: waiting, ready 1/2 after 8.1 s (bound 3m)",
                "deployment web: all replicas Ready: done after 12.1 s");
    }

    @Test
    void debugTellsEveryPoll() {
        RecordingLogger log = new RecordingLogger(Level.DEBUG);
        WaitProgress progress = new WaitProgress("namespace ns deleted", Duration.ofMinutes(2), null, log);

        progress.polled(0, false);
        progress.polled(400, false);
        progress.polled(800, true);

        assertThat(log.at(Level.DEBUG)).containsExactly("namespace ns deleted: not yet after 0.0 s",
                "namespace ns deleted: not yet after 0.4 s", "namespace ns deleted: done after 0.8 s");
    }

    @Test
    void aStateThatCannotBeReadOrIsLongNeitherBreaksTheWaitNorFloodsTheLog() {
        RecordingLogger log = new RecordingLogger(Level.INFO);
        WaitProgress failing = new WaitProgress("pod p Ready", Duration.ofSeconds(30), () -> {
            throw new IllegalStateException("API server gone");
        }, log);
        WaitProgress chatty = new WaitProgress("pod q Ready", Duration.ofSeconds(30), () -> "x".repeat(5000) + "\nmore", log);

        failing.polled(3000, false);
        chatty.polled(3000, false);

        assertThat(log.at(Level.INFO).get(0)).startsWith("pod p Ready: waiting, (could not be read: java.lang.IllegalStateException: API server gone)");
        assertThat(log.at(Level.INFO).get(1)).hasSizeLessThan(320).contains(" ... after 3.0 s");
    }

    @Test
    void everyNamedWaitLogsItsProgressThroughSlf4j() {
        long start = System.nanoTime();
        long late = WaitProgress.FIRST_INFO.plusMillis(100).toNanos();
        AtomicInteger latePolls = new AtomicInteger();
        // done on the second poll after 3.1 s: the first of them came after the wait's own 3 s, so it was told at INFO
        String console = StandardErrorCapture.during(() -> Waits.until("the fake rollout", Duration.ofSeconds(30),
                () -> System.nanoTime() - start >= late && latePolls.incrementAndGet() == 2,
                () -> "step " + (System.nanoTime() - start) / 1_000_000_000, () -> ""));

        assertThat(console).containsPattern("INFO io.k8snettest.k8s.Waits - the fake rollout: waiting, step \\d+ after \\d+\\.\\d s"
                        + " \\(bound 30s\\)")
                .containsPattern("INFO io.k8snettest.k8s.Waits - the fake rollout: done after \\d+\\.\\d s");
    }
}
