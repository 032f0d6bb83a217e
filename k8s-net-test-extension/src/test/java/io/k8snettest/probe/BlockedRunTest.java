package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BlockedRunTest {

    private final BlockedRun run = new BlockedRun(Duration.ofSeconds(5));

    @Test
    void holdsOnceConsecutiveBlockedProbesSpanTheWindowAndStaysHeld() {
        run.record(ms(0), ProbeOutcome.BLOCKED);
        run.record(ms(4_000), ProbeOutcome.BLOCKED);
        assertThat(run.held()).isFalse();
        assertThat(run.runStart()).contains(ms(0));

        run.record(ms(5_000), ProbeOutcome.BLOCKED);
        run.record(ms(6_000), ProbeOutcome.REACHED);

        assertThat(run.held()).isTrue();
        assertThat(run.heldFrom()).contains(ms(0));
        assertThat(run.reached()).as("probes after it held do not count").isZero();
        assertThat(run.last()).contains(ProbeOutcome.REACHED);
        assertThat(run.probes()).isEqualTo(4);
    }

    @Test
    void aReachedOrFailedProbeStartsTheRunAgain() {
        run.record(ms(0), ProbeOutcome.BLOCKED);
        run.record(ms(3_000), ProbeOutcome.REACHED);
        run.record(ms(4_000), ProbeOutcome.BLOCKED);
        run.record(ms(8_000), ProbeOutcome.ERROR);
        run.record(ms(9_000), ProbeOutcome.BLOCKED);
        run.record(ms(13_000), ProbeOutcome.BLOCKED);
        assertThat(run.held()).isFalse();

        run.record(ms(14_000), ProbeOutcome.BLOCKED);

        assertThat(run.heldFrom()).contains(ms(9_000));
        assertThat(run.reached()).isEqualTo(1);
        assertThat(run.errors()).isEqualTo(1);
        assertThat(run.lastReachedAt()).contains(ms(3_000));
    }

    @Test
    void nothingRecordedIsNotHeld() {
        assertThat(run.held()).isFalse();
        assertThat(run.runStart()).isEmpty();
        assertThat(run.last()).isEmpty();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
