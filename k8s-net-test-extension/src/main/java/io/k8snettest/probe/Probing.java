package io.k8snettest.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.ProbeResult;
import io.k8snettest.config.Durations;
import io.k8snettest.k8s.Waits;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.apiguardian.api.API;

/** Repeating probes: until one succeeds (positive), until one is blocked, or through a whole window where every one must be. */
@API(status = INTERNAL, since = "0.1")
public final class Probing {

    /** Pause between probes: an exec is ~150 ms, so retries stay cheap while convergence is seen quickly. */
    public static final Duration INTERVAL = Duration.ofMillis(500);

    private Probing() {
    }

    /** Retries until a probe succeeds; on timeout an AssertionError with the last probe's result and the diagnostics. */
    public static ProbeResult untilSuccess(String alias, Duration timeout, Supplier<ProbeResult> probe, Supplier<String> diagnostics) {
        return until(alias, timeout, probe, ProbeResult::success, diagnostics);
    }

    /**
     * Retries until a probe ran and did not get through (a policy took effect in the data plane);
     * a probe that could not run at all (exit -1) does not count as blocked.
     */
    public static ProbeResult untilBlocked(String alias, Duration timeout, Supplier<ProbeResult> probe, Supplier<String> diagnostics) {
        return until(alias, timeout, probe, r -> ProbeOutcome.of(r) == ProbeOutcome.BLOCKED, diagnostics);
    }

    private static ProbeResult until(String alias, Duration timeout, Supplier<ProbeResult> probe, Predicate<ProbeResult> done,
                                     Supplier<String> diagnostics) {
        AtomicReference<ProbeResult> last = new AtomicReference<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Waits.named(alias, timeout).pollInterval(INTERVAL).until(() -> {
                ProbeResult result = probe.get();
                boolean ok = done.test(result);
                // a probe cut off by the timeout (its exec interrupted) says nothing: keep the last one that ran
                if (ok || last.get() == null || System.nanoTime() - deadline < 0) {
                    last.set(result);
                }
                return ok;
            });
            return last.get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("'" + alias + "' did not happen within " + Durations.format(timeout)
                    + "; last " + (last.get() == null ? "probe: none completed" : last.get())
                    + ProbeHints.forFailure(last.get()).map(h -> "\n  hint: " + h).orElse("")
                    + "\n" + Waits.safe(diagnostics), e);
        }
    }

    /**
     * Probes until a run of blocked probes spans the window ({@link BlockedRun}); every probe must be
     * blocked, so the first that got through, or that could not run (it proves nothing), fails with
     * its result.
     */
    public static ProbeResult holdsFor(String alias, Duration window, Supplier<ProbeResult> probe, Supplier<String> diagnostics) {
        BlockedRun run = new BlockedRun(window);
        long start = System.nanoTime();
        ProbeResult last;
        while (true) {
            Duration at = Duration.ofNanos(System.nanoTime() - start);
            last = probe.get();
            ProbeOutcome outcome = ProbeOutcome.of(last);
            run.record(at, outcome);
            if (outcome != ProbeOutcome.BLOCKED) {
                throw new AssertionError("'" + alias + "' did not hold for " + Durations.format(window)
                        + ": probe " + run.probes() + (outcome == ProbeOutcome.REACHED ? " got through; "
                        : " could not run, so it proves nothing; ") + last + "\n" + Waits.safe(diagnostics));
            }
            if (run.held()) {
                return last;
            }
            pause();
        }
    }

    /**
     * Probing rounds, {@link #INTERVAL} apart, until {@code round} returns true or {@code bound}
     * passed: a bounded, named wait whose timeout is an outcome, not an error (the caller decides
     * from what the rounds observed).
     */
    public static void rounds(String alias, Duration bound, Callable<Boolean> round) {
        try {
            Waits.named(alias, bound).pollInterval(INTERVAL).until(round);
        } catch (ConditionTimeoutException e) {
            // the rounds' observations are the outcome
        }
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL.toMillis()); // spacing between probes inside the bounded window
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a stability window", e);
        }
    }
}
