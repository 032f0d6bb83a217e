package io.k8snettest.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.K8sNetTest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.apiguardian.api.API;

/**
 * {@value K8sNetTest#ALLOWED_CONTEXTS_KEY}: comma-separated globs of kubeconfig context names
 * ({@code *} any run of characters, {@code ?} one character, everything else literal).
 */
@API(status = INTERNAL, since = "0.1")
public final class ContextGlobs {

    private final List<String> globs;
    private final List<Pattern> patterns;

    private ContextGlobs(List<String> globs) {
        this.globs = globs;
        this.patterns = globs.stream().map(ContextGlobs::toPattern).toList();
    }

    /** The configured globs, or empty when the setting is unset (every context allowed). */
    public static Optional<ContextGlobs> from(Settings settings) {
        Optional<String> value = settings.lookup(K8sNetTest.ALLOWED_CONTEXTS_KEY);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        List<String> globs = Arrays.stream(value.get().split(",")).map(String::strip).toList();
        if (globs.stream().anyMatch(String::isEmpty)) {
            throw new ExtensionConfigurationException(settings.describeSource(K8sNetTest.ALLOWED_CONTEXTS_KEY) + " is '"
                    + value.get() + "', which has an empty entry; write comma-separated context names or globs,"
                    + " e.g. kind-*,docker-desktop");
        }
        return Optional.of(new ContextGlobs(globs));
    }

    public boolean allows(String context) {
        return patterns.stream().anyMatch(p -> p.matcher(context).matches());
    }

    @Override
    public String toString() {
        return String.join(",", globs);
    }

    private static Pattern toPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("(?=[*?])|(?<=[*?])")) {
            regex.append(switch (literal) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(literal);
            });
        }
        return Pattern.compile(regex.toString());
    }
}
