package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A Ready status counts only once it held for the window with the same pods and no restart. */
class ReadySettleTest {

    private final AtomicLong now = new AtomicLong();
    private final ReadySettle settle = new ReadySettle(now::get);

    private void advance(long millis) {
        now.addAndGet(millis * 1_000_000);
    }

    @Test
    void readyThatHoldsWithoutRestartsSettlesAfterTheWindow() {
        assertThat(settle.starting()).isTrue();
        settle.start(Map.of("pod-a", 0, "pod-b", 0));
        assertThat(settle.starting()).isFalse();
        advance(999);
        assertThat(settle.windowPassed()).isFalse();
        advance(1);
        assertThat(settle.windowPassed()).isTrue();
        assertThat(settle.settled(Map.of("pod-a", 0, "pod-b", 0))).isTrue();
    }

    @Test
    void aRestartDuringTheWindowStartsItAgain() {
        // a container without a readiness probe: Ready at start, exited and restarted a moment later
        settle.start(Map.of("pod-a", 0));
        advance(1000);
        assertThat(settle.settled(Map.of("pod-a", 1))).isFalse();
        assertThat(settle.windowPassed()).as("a new window started with the restart").isFalse();
        advance(1000);
        assertThat(settle.windowPassed()).isTrue();
        assertThat(settle.settled(Map.of("pod-a", 1))).isTrue();
    }

    @Test
    void aReplacedPodStartsTheWindowAgain() {
        settle.start(Map.of("pod-a", 0));
        advance(1500);
        assertThat(settle.settled(Map.of("pod-c", 0))).isFalse();
    }

    @Test
    void aNotReadyPollStartsTheWindowAgain() {
        settle.start(Map.of("pod-a", 0));
        advance(800);
        settle.notReady();
        assertThat(settle.starting()).isTrue();
        assertThat(settle.windowPassed()).isFalse();
    }
}
