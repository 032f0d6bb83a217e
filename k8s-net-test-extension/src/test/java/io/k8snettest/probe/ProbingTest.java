package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.ProbeResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link Probing#holdsFor}: the strict use of {@link BlockedRun} (every probe in the window must be blocked). */
class ProbingTest {

    private static final Duration WINDOW = Duration.ofMillis(1_200);

    @Test
    void holdsOnceBlockedProbesSpanTheWindow() {
        AtomicInteger probes = new AtomicInteger();
        long start = System.nanoTime();

        ProbeResult last = Probing.holdsFor("x blocked", WINDOW, counting(probes, result(1, false)), () -> "diag");

        assertThat(last.exitCode()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(WINDOW).isLessThan(Duration.ofSeconds(4));
        assertThat(probes.get()).as("a probe at the start and one at or after the end of the window").isBetween(3, 5);
    }

    @Test
    void aProbeThatGotThroughFailsAtOnce() {
        AtomicInteger probes = new AtomicInteger();
        Supplier<ProbeResult> secondGetsThrough = () -> probes.incrementAndGet() == 2 ? result(0, true) : result(1, false);

        assertThatThrownBy(() -> Probing.holdsFor("x blocked", WINDOW, secondGetsThrough, () -> "diag"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("'x blocked' did not hold for 1200ms: probe 2 got through; ")
                .hasMessageEndingWith("\ndiag");
        assertThat(probes.get()).isEqualTo(2);
    }

    @Test
    void aProbeThatCouldNotRunProvesNothingAndFails() {
        assertThatThrownBy(() -> Probing.holdsFor("x blocked", WINDOW, () -> result(-1, false), () -> "diag"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("'x blocked' did not hold for 1200ms: probe 1 could not run, so it proves nothing; ");
    }

    private static Supplier<ProbeResult> counting(AtomicInteger probes, ProbeResult result) {
        return () -> {
            probes.incrementAndGet();
            return result;
        };
    }

    private static ProbeResult result(int exitCode, boolean success) {
        return new ProbeResult("ns/probe", "tcp://10.0.0.1:80", List.of("nc"), exitCode, "", "", -1, success, Duration.ZERO);
    }
}
