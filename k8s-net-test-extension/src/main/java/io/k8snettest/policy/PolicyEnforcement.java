package io.k8snettest.policy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The NetworkPolicy canary's verdict for one cluster, shared by every test class on that cluster (the
 * extension keeps one per cluster in the JUnit root store). Concurrent callers wait for the first
 * computation instead of starting a second canary. A verdict holds for {@link #MAX_AGE}: a cluster
 * whose policy controller stops after the canary passed is caught again by the next canary, instead
 * of lending its old verdict to negative checks for the rest of a long run.
 */
@API(status = INTERNAL, since = "0.1")
public final class PolicyEnforcement {

    /** How long a canary verdict is trusted before the next negative check runs the canary again. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final Clock clock;
    private final Duration maxAge;
    private CanaryVerdict verdict;
    private Instant decidedAt;

    public PolicyEnforcement() {
        this(Clock.systemUTC(), MAX_AGE);
    }

    /** For tests: another clock and age. */
    PolicyEnforcement(Clock clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The cached verdict, computing it with {@code canary} on the first call and once it is older than the max age. */
    public synchronized CanaryVerdict verdict(Supplier<CanaryVerdict> canary) {
        if (verdict == null || !clock.instant().isBefore(decidedAt.plus(maxAge))) {
            verdict = canary.get();
            decidedAt = clock.instant();
        }
        return verdict;
    }

    @Override
    public synchronized String toString() {
        return verdict == null ? "NetworkPolicy enforcement: not checked yet" : "NetworkPolicy enforcement: " + verdict;
    }
}
