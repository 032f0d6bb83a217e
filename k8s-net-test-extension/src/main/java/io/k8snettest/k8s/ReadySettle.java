package io.k8snettest.k8s;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * "Ready" that has held: a container without a readiness probe is Ready the moment it starts, also
 * when it exits a moment later, so one Ready status can be a crash loop caught between start and
 * exit. Ready counts once it was observed without a break for {@link #WINDOW} and no container
 * of the pods restarted (or was replaced) meanwhile. One per wait; not thread-safe. Pure: the
 * caller supplies observations and the clock.
 */
final class ReadySettle {

    /** How long Ready must hold: long enough for a container that exits at once to be seen as not Ready. */
    static final Duration WINDOW = Duration.ofSeconds(1);

    private final LongSupplier nanoClock;
    private long since;
    private Map<String, Integer> restartsAtStart;

    ReadySettle(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    ReadySettle() {
        this(System::nanoTime);
    }

    /** A poll that saw the workload not Ready: the window starts again with the next Ready one. */
    void notReady() {
        restartsAtStart = null;
    }

    /** Whether the window starts with this Ready poll (the caller then reports the restart counts). */
    boolean starting() {
        return restartsAtStart == null;
    }

    /** The first Ready poll of a window, with the restart count per pod (uid) at that moment. */
    void start(Map<String, Integer> restarts) {
        restartsAtStart = Map.copyOf(restarts);
        since = nanoClock.getAsLong();
    }

    /** Whether the window has passed since {@link #start}; the caller then reports the restart counts again. */
    boolean windowPassed() {
        return restartsAtStart != null && nanoClock.getAsLong() - since >= WINDOW.toNanos();
    }

    /**
     * The last poll of a window: settled when the same pods show the same restart counts; otherwise
     * the window starts again from these counts.
     */
    boolean settled(Map<String, Integer> restarts) {
        if (Objects.equals(restartsAtStart, restarts)) {
            return true;
        }
        start(restarts);
        return false;
    }
}
