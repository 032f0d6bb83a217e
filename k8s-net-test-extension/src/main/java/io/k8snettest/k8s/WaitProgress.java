package io.k8snettest.k8s;

import io.k8snettest.config.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.awaitility.core.ConditionEvaluationListener;
import org.awaitility.core.EvaluatedCondition;
import org.awaitility.core.TimeoutEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one named wait, through SLF4J: what it waits for, how far it is (the wait's state
 * text, when it has one) and the elapsed time. INFO once the wait took {@link #FIRST_INFO} and then
 * at most every {@link #INFO_EVERY}, plus one INFO line when such a long wait ends; DEBUG for every
 * poll. A wait done within {@link #FIRST_INFO} logs nothing at INFO. Never throws into the wait.
 */
final class WaitProgress implements ConditionEvaluationListener<Object> {

    static final Duration FIRST_INFO = Duration.ofSeconds(3);
    static final Duration INFO_EVERY = Duration.ofSeconds(5);
    private static final int MAX_STATE = 240;
    private static final Logger LOG = LoggerFactory.getLogger(Waits.class);

    private final String what;
    private final Duration bound;
    private final Supplier<String> state;
    private final Logger log;
    private long nextInfoMs = FIRST_INFO.toMillis();
    private boolean toldAtInfo;

    WaitProgress(String what, Duration bound, Supplier<String> state) {
        this(what, bound, state, LOG);
    }

    WaitProgress(String what, Duration bound, Supplier<String> state, Logger log) {
        this.what = what;
        this.bound = bound;
        this.state = state;
        this.log = log;
    }

    @Override
    public void conditionEvaluated(EvaluatedCondition<Object> condition) {
        polled(condition.getElapsedTimeInMS(), condition.isSatisfied());
    }

    /** One poll of the wait, {@code elapsed} ms after it began. */
    synchronized void polled(long elapsed, boolean satisfied) {
        if (satisfied) {
            if (toldAtInfo) {
                log.info("{}: done after {}", what, seconds(elapsed));
            } else {
                log.debug("{}: done after {}", what, seconds(elapsed));
            }
            return;
        }
        if (elapsed >= nextInfoMs && log.isInfoEnabled()) {
            nextInfoMs = elapsed + INFO_EVERY.toMillis();
            toldAtInfo = true;
            log.info("{}: {} after {} (bound {})", what, describe(), seconds(elapsed), Durations.format(bound));
        } else if (log.isDebugEnabled()) {
            log.debug("{}: not yet after {}", what, seconds(elapsed));
        }
    }

    @Override
    public void onTimeout(TimeoutEvent timeoutEvent) {
        log.debug("{}: no success within {}", what, Durations.format(bound));
    }

    private String describe() {
        if (state == null) {
            return "waiting";
        }
        String text = Waits.safe(state).replace('\n', ' ');
        return "waiting, " + (text.length() > MAX_STATE ? text.substring(0, MAX_STATE) + " ..." : text);
    }

    /** {@code 3.1 s}. */
    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
