package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wake-up signal of one wait ({@link Waits#until(String, Duration, Wakeups, java.util.concurrent.Callable,
 * java.util.function.Supplier, java.util.function.Supplier)}), fired by the watches it opened: every
 * watch event makes the wait evaluate its condition again at once. Between events the wait still
 * polls, every {@link #safetyPoll()} (a safety net for a missed event); once a watch could not be
 * opened or broke (e.g. the API server restarted), every {@link #fallbackPoll()}, as waits polled
 * before there were watches. Never throws from a watch into the wait. Closing closes every watch;
 * open it in a try-with-resources block around the wait.
 */
@API(status = INTERNAL, since = "0.1")
public final class Wakeups implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Waits.class);

    /**
     * System property that, set to {@code false}, opens no watch: every wait polls at its fallback rate, as
     * before there were watches. For tests on fabric8's mock API server, whose handling of a watch the
     * client closes can stall its event loop for up to a minute (its {@code WatchEventsListener.onClosed}
     * waits for its executor there); not a user setting.
     */
    public static final String WATCHES_PROPERTY = "io.k8snettest.internal.watches";

    private final String what;
    private final Duration safetyPoll;
    private final Duration fallbackPoll;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private boolean fired; // guarded by this
    private boolean timerSet; // guarded by this
    private long timer; // guarded by this: when fireIn wants the next evaluation, if timerSet
    private volatile boolean broken;
    private volatile boolean closed;

    /**
     * @param what         the wait, for log lines
     * @param safetyPoll   how long the wait goes without evaluating while its watches are healthy
     * @param fallbackPoll its poll interval once a watch could not be opened or broke
     */
    public Wakeups(String what, Duration safetyPoll, Duration fallbackPoll) {
        this.what = what;
        this.safetyPoll = safetyPoll;
        this.fallbackPoll = fallbackPoll;
    }

    /**
     * Opens a watch of {@code type} whose every event fires the signal; {@code open} starts it with the watcher given
     * (scope it: namespace, name or labels). A watch that cannot be opened is logged (DEBUG) and makes
     * the wait fall back to polling.
     */
    public <T> Wakeups watch(Class<T> type, String description, Function<Watcher<T>, Watch> open) {
        return watch(type, description, open, (action, resource) -> { });
    }

    /** Like {@link #watch(Class, String, Function)}, handing each event to {@code onEvent} (on the watch's thread) before firing. */
    public <T> Wakeups watch(Class<T> type, String description, Function<Watcher<T>, Watch> open,
                             BiConsumer<Watcher.Action, T> onEvent) {
        if (closed) {
            throw new IllegalStateException(what + ": its wake-ups are closed");
        }
        if ("false".equals(System.getProperty(WATCHES_PROPERTY))) {
            broken = true;
            return this;
        }
        try {
            watches.add(open.apply(new Waker<>(description, onEvent)));
        } catch (RuntimeException e) {
            brokenBy(description, e);
        }
        return this;
    }

    /** Makes the wait evaluate its condition now. */
    public synchronized void fire() {
        fired = true;
        notifyAll();
    }

    /**
     * Makes the wait evaluate its condition again {@code delay} from now at the latest, also without
     * an event (a condition that depends on time, e.g. Ready holding for a window).
     */
    public synchronized void fireIn(Duration delay) {
        long at = System.nanoTime() + delay.toNanos();
        if (!timerSet || at - timer < 0) {
            timer = at;
            timerSet = true;
        }
    }

    /** Whether a watch could not be opened or broke: the wait then polls every {@link #fallbackPoll()}. */
    public boolean broken() {
        return broken;
    }

    /** How long the wait may go without evaluating its condition now: depends on whether a watch broke. */
    public Duration pollInterval() {
        return broken ? fallbackPoll : safetyPoll;
    }

    public Duration safetyPoll() {
        return safetyPoll;
    }

    public Duration fallbackPoll() {
        return fallbackPoll;
    }

    /** How many watches are open. */
    public int openWatches() {
        return watches.size();
    }

    /**
     * Blocks until the signal fired since the previous call, a time set by {@link #fireIn} came, or
     * {@code nanos} passed.
     *
     * @return whether it fired or the time came
     */
    synchronized boolean await(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        if (timerSet && timer - deadline < 0) {
            deadline = timer;
        }
        for (long left = deadline - System.nanoTime(); !fired && left > 0; left = deadline - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000), 0);
        }
        boolean due = timerSet && System.nanoTime() - timer >= 0;
        if (due) {
            timerSet = false;
        }
        boolean woken = fired || due;
        fired = false;
        return woken;
    }

    /** Closes every watch; never throws. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Watch watch : watches) {
            try {
                watch.close();
            } catch (RuntimeException e) {
                LOG.debug("{}: closing a watch failed: {}", what, e.toString());
            }
        }
        watches.clear();
    }

    private void brokenBy(String description, Object cause) {
        if (!closed) {
            broken = true;
            LOG.debug("{}: watch of {} unavailable ({}); polling every {} ms", what, description, cause,
                    fallbackPoll.toMillis());
        }
        fire();
    }

    /** Fires on every event; a watch that ends while the wait still runs is broken. */
    private final class Waker<T> implements Watcher<T> {
        private final String description;
        private final BiConsumer<Action, T> onEvent;

        Waker(String description, BiConsumer<Action, T> onEvent) {
            this.description = description;
            this.onEvent = onEvent;
        }

        @Override
        public void eventReceived(Action action, T resource) {
            try {
                onEvent.accept(action, resource);
            } catch (RuntimeException e) {
                LOG.debug("{}: handling an event of {} failed: {}", what, description, e.toString());
            } finally {
                fire();
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            brokenBy(description, cause);
        }

        @Override
        public void onClose() {
            brokenBy(description, "closed by the server");
        }
    }
}
