package io.k8snettest.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.apiguardian.api.API;

/**
 * Resolves every setting in one order: an explicit value (an annotation attribute that does not
 * hold its sentinel), then the JUnit configuration parameter or system property {@code k8snet.*},
 * then the environment variable {@code K8SNET_*}, then the default.
 *
 * <p>Both sources are injected so the order is unit-tested without a JUnit engine or real
 * environment.
 */
@API(status = INTERNAL, since = "0.1")
public final class Settings {

    private final Function<String, Optional<String>> configurationParameters;
    private final Function<String, String> environment;

    public Settings(Function<String, Optional<String>> configurationParameters, Function<String, String> environment) {
        this.configurationParameters = Objects.requireNonNull(configurationParameters);
        this.environment = Objects.requireNonNull(environment);
    }

    /** Settings from system properties and the process environment only (no JUnit context). */
    public static Settings fromSystem() {
        return new Settings(key -> Optional.ofNullable(System.getProperty(key)), System::getenv);
    }

    /** {@code k8snet.timeout.ready} becomes {@code K8SNET_TIMEOUT_READY}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The configured value of {@code key} (parameter, then environment), if any. */
    public Optional<String> lookup(String key) {
        Optional<String> parameter = configurationParameters.apply(key).map(String::strip).filter(v -> !v.isEmpty());
        if (parameter.isPresent()) {
            return parameter;
        }
        return Optional.ofNullable(environment.apply(environmentName(key))).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Where the value of {@code key} comes from, for messages. */
    public String describeSource(String key) {
        if (configurationParameters.apply(key).filter(v -> !v.isBlank()).isPresent()) {
            return "configuration parameter '" + key + "'";
        }
        if (environment.apply(environmentName(key)) != null) {
            return "environment variable " + environmentName(key);
        }
        return "default of '" + key + "'";
    }

    /** {@code explicit} unless null or empty, otherwise the configured value, otherwise {@code defaultValue}. */
    public String string(String key, String explicit, String defaultValue) {
        if (explicit != null && !explicit.isEmpty()) {
            return explicit;
        }
        return lookup(key).orElse(defaultValue);
    }

    public String string(String key, String defaultValue) {
        return string(key, null, defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> value = lookup(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ExtensionConfigurationException(describeSource(key) + " is '" + value.get()
                    + "'; allowed: true or false");
        };
    }

    /** A duration such as {@code 90s}, {@code 2m}, {@code 1h}, {@code 500ms} or ISO-8601 {@code PT30S}. */
    public Duration duration(String key, String explicit, Duration defaultValue) {
        if (explicit != null && !explicit.isEmpty()) {
            return Durations.parse(explicit, "the annotation");
        }
        Optional<String> value = lookup(key);
        return value.isEmpty() ? defaultValue : Durations.parse(value.get(), describeSource(key));
    }

    public Duration duration(String key, Duration defaultValue) {
        return duration(key, null, defaultValue);
    }

    /** Like {@link #duration(String, Duration)}, and the value must lie in {@code [min, max]}. */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        Duration d = duration(key, defaultValue);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ExtensionConfigurationException(describeSource(key) + " is '" + lookup(key).orElse("")
                    + "'; allowed: " + Durations.format(min) + " to " + Durations.format(max));
        }
        return d;
    }

    /** One of {@code allowed} (case-insensitive, {@code _} and {@code -} alike). */
    public String choice(String key, String explicit, String defaultValue, String... allowed) {
        String value = string(key, explicit, defaultValue);
        String normalized = value.toLowerCase(Locale.ROOT).replace('_', '-');
        for (String candidate : allowed) {
            if (candidate.equals(normalized)) {
                return candidate;
            }
        }
        String source = explicit != null && !explicit.isEmpty() ? "the annotation" : describeSource(key);
        throw new ExtensionConfigurationException(source + " is '" + value + "'; allowed: " + String.join(", ", allowed));
    }
}
