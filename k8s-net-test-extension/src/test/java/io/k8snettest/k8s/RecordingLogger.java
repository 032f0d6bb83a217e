package io.k8snettest.k8s;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps what was logged at {@code threshold} or above, as {@code LEVEL message} lines. */
public final class RecordingLogger extends LegacyAbstractLogger {

    private final Level threshold;
    public final List<String> lines = new CopyOnWriteArrayList<>();

    public RecordingLogger(Level threshold) {
        this.name = "recording";
        this.threshold = threshold;
    }

    public List<String> at(Level level) {
        return lines.stream().filter(l -> l.startsWith(level + " ")).map(l -> l.substring(level.toString().length() + 1)).toList();
    }

    private boolean on(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override public boolean isTraceEnabled() { return on(Level.TRACE); }
    @Override public boolean isDebugEnabled() { return on(Level.DEBUG); }
    @Override public boolean isInfoEnabled() { return on(Level.INFO); }
    @Override public boolean isWarnEnabled() { return on(Level.WARN); }
    @Override public boolean isErrorEnabled() { return on(Level.ERROR); }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        if (on(level)) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, arguments));
        }
    }
}
