package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.config.Durations;
import io.k8snettest.cluster.ClusterException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.apiguardian.api.API;

/**
 * Named, bounded waits. Every wait gets a fresh {@link ConditionFactory} (JVM-wide Awaitility
 * defaults are never touched), an alias that reads well in a timeout message, and progress logged
 * through SLF4J while it waits ({@link WaitProgress}). A wait on the cluster's objects is woken by
 * watches of them ({@link Wakeups}): it evaluates on every event and polls only as a safety net.
 */
@API(status = INTERNAL, since = "0.1")
public final class Waits {

    public static final Duration POLL_INTERVAL = Duration.ofMillis(400);
    /** How long a wait woken by watches goes without evaluating its condition while the watches are healthy. */
    public static final Duration SAFETY_POLL = Duration.ofSeconds(2);
    /** Awaitility's pause between evaluations of a woken wait: its condition itself waits for the wake-up. */
    private static final Duration WOKEN_POLL = Duration.ofMillis(1);

    private Waits() {
    }

    /** A fresh factory: alias, bound, poll interval, exceptions from the condition propagate. */
    public static ConditionFactory named(String alias, Duration timeout) {
        return named(alias, timeout, POLL_INTERVAL);
    }

    /**
     * Like {@link #named(String, Duration)} with another poll interval, clamped to the bound (a tiny
     * positive bound polls once and times out with our message, never Awaitility's about poll delays).
     *
     * @throws IllegalArgumentException when {@code timeout} is zero or negative, naming the wait
     */
    public static ConditionFactory named(String alias, Duration timeout, Duration pollInterval) {
        return named(alias, timeout, pollInterval, null);
    }

    /** The factory, logging progress ({@link WaitProgress}) with {@code state} (may be null) as "how far". */
    private static ConditionFactory named(String alias, Duration timeout, Duration pollInterval, Supplier<String> state) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("'" + alias + "': the bound must be positive, not " + timeout);
        }
        return Awaitility.with().alias(alias)
                .pollDelay(Duration.ZERO)
                .pollInterval(pollInterval.compareTo(timeout) > 0 ? timeout : pollInterval)
                .atMost(timeout)
                .conditionEvaluationListener(new WaitProgress(alias, timeout, state));
    }

    /**
     * Waits until {@code condition} is true; on timeout throws a {@link ClusterException} naming
     * the wait, its bound, the last state and the diagnostics. What the condition throws (a
     * fail-fast reason) propagates unchanged.
     *
     * @param state       describes the current state for the timeout message (called once on timeout)
     * @param diagnostics appended to the timeout message
     */
    public static void until(String alias, Duration timeout, Callable<Boolean> condition, Supplier<String> state,
                             Supplier<String> diagnostics) {
        until(alias, timeout, POLL_INTERVAL, condition, state, diagnostics);
    }

    /** Like {@link #until(String, Duration, Callable, Supplier, Supplier)} with another poll interval. */
    public static void until(String alias, Duration timeout, Duration pollInterval, Callable<Boolean> condition,
                             Supplier<String> state, Supplier<String> diagnostics) {
        try {
            named(alias, timeout, pollInterval, state).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new ClusterException("'" + alias + "' did not happen within " + Durations.format(timeout)
                    + "; last state: " + safe(state) + "\n" + safe(diagnostics), e);
        }
    }

    /**
     * Like {@link #until(String, Duration, Callable, Supplier, Supplier)}, evaluating the condition
     * as soon as {@code wakeups} fires (a watch event), else after its {@link Wakeups#pollInterval()};
     * the first evaluation is immediate. Open the watches before the wait (so no event is missed) and
     * close them after it (try-with-resources). Same messages, progress logs and exceptions.
     */
    public static void until(String alias, Duration timeout, Wakeups wakeups, Callable<Boolean> condition,
                             Supplier<String> state, Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicBoolean evaluated = new AtomicBoolean();
        until(alias, timeout, WOKEN_POLL, () -> {
            if (evaluated.getAndSet(true)) {
                long left = deadline - System.nanoTime();
                wakeups.await(Math.min(left, wakeups.pollInterval().toNanos()));
            }
            return condition.call();
        }, state, diagnostics);
    }

    /** The text, or why it could not be produced; never throws. */
    public static String safe(Supplier<String> text) {
        try {
            return text.get();
        } catch (RuntimeException e) {
            return "(could not be read: " + e + ")";
        }
    }
}
