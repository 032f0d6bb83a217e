package io.k8snettest.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.apiguardian.api.API;

/** Parses the durations users write in annotations and settings. */
@API(status = INTERNAL, since = "0.1")
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Durations() {
    }

    private static final String EXAMPLES = "500ms, 30s, 2m, 1h or PT30S";

    /**
     * Parses a positive {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT30S});
     * zero and negative durations are rejected (no bound or window of ours can be zero).
     *
     * @param where names the setting or attribute in the error message
     */
    public static Duration parse(String text, String where) {
        Duration d = parseOrNull(text);
        if (d == null) {
            throw new ExtensionConfigurationException(where + " is not a duration: '" + text + "'; write e.g. " + EXAMPLES);
        }
        if (d.isZero()) {
            throw new ExtensionConfigurationException(where + " is '" + text
                    + "': zero is not allowed; write a positive duration, e.g. " + EXAMPLES);
        }
        return d;
    }

    private static Duration parseOrNull(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(value);
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            if (value.startsWith("p")) {
                Duration d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
                return d.isNegative() ? null : d;
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return null; // too large, or not ISO-8601
        }
        return null;
    }

    /** {@code 90s} style, for messages. */
    public static String format(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
