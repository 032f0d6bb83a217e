package io.k8snettest.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Whether a target stayed blocked for a whole window, from a series of timed probe outcomes. A run
 * is a sequence of consecutive {@link ProbeOutcome#BLOCKED} probes; a reached or failed probe ends
 * it. The window {@link #held()} once a run's last probe is at least {@code window} after its first;
 * that is latched. Pure, not thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class BlockedRun {

    private final Duration window;
    private Duration runStart;
    private Duration heldFrom;
    private ProbeOutcome last;
    private int probes;
    private int reached;
    private int errors;
    private Duration lastReachedAt;

    public BlockedRun(Duration window) {
        this.window = window;
    }

    /** Records the outcome of a probe that started {@code at} (since a common origin). */
    public void record(Duration at, ProbeOutcome outcome) {
        probes++;
        last = outcome;
        if (heldFrom != null) {
            return;
        }
        switch (outcome) {
            case BLOCKED -> {
                if (runStart == null) {
                    runStart = at;
                }
                if (at.minus(runStart).compareTo(window) >= 0) {
                    heldFrom = runStart;
                }
            }
            case REACHED -> {
                reached++;
                lastReachedAt = at;
                runStart = null;
            }
            case ERROR -> {
                errors++;
                runStart = null;
            }
        }
    }

    /** Whether some run of blocked probes lasted the whole window. */
    public boolean held() {
        return heldFrom != null;
    }

    /** Start of the run that held. */
    public Optional<Duration> heldFrom() {
        return Optional.ofNullable(heldFrom);
    }

    /** Start of the current (or held) run of blocked probes. */
    public Optional<Duration> runStart() {
        return Optional.ofNullable(heldFrom != null ? heldFrom : runStart);
    }

    public Optional<ProbeOutcome> last() {
        return Optional.ofNullable(last);
    }

    public int probes() {
        return probes;
    }

    /** Probes that got through before the window held. */
    public int reached() {
        return reached;
    }

    /** Probes that could not run before the window held. */
    public int errors() {
        return errors;
    }

    public Optional<Duration> lastReachedAt() {
        return Optional.ofNullable(lastReachedAt);
    }

    public Duration window() {
        return window;
    }
}
