package io.k8snettest.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.K8sNetTest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.apiguardian.api.API;

/**
 * Validates every setting at once, before anything decides whether the tests run or are skipped:
 * a misconfiguration fails even on a machine without a cluster.
 */
@API(status = INTERNAL, since = "0.1")
public final class SettingsCheck {

    private SettingsCheck() {
    }

    /**
     * Resolves every setting (the runtime settings with {@code keepExplicit}, the booleans, the
     * allowed contexts) and looks for unknown keys; throws one {@link ExtensionConfigurationException}
     * naming every problem (the exception of the only problem itself when there is one).
     */
    public static void validate(Settings settings, String keepExplicit, UnknownSettings unknown) {
        validate(settings, keepExplicit, unknown, List.of());
    }

    /** Like {@link #validate(Settings, String, UnknownSettings)}, plus the checks of other packages (the k3s settings). */
    public static void validate(Settings settings, String keepExplicit, UnknownSettings unknown, List<Consumer<Settings>> more) {
        List<ExtensionConfigurationException> problems = new ArrayList<>();
        unknown.problems().forEach(p -> problems.add(new ExtensionConfigurationException("k8s-net-test: " + p)));
        check(problems, s -> RuntimeSettings.resolve(s, keepExplicit), settings);
        check(problems, s -> s.bool(K8sNetTest.REQUIRE_CLUSTER_KEY, false), settings);
        check(problems, s -> s.bool(K8sNetTest.K3S_REUSE_KEY, false), settings);
        check(problems, ContextGlobs::from, settings);
        more.forEach(m -> check(problems, m, settings));
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("k8s-net-test: " + problems.size() + " settings are wrong:");
            problems.forEach(p -> message.append("\n - ").append(p.getMessage()));
            ExtensionConfigurationException all = new ExtensionConfigurationException(message.toString());
            problems.forEach(all::addSuppressed);
            throw all;
        }
    }

    private static void check(List<ExtensionConfigurationException> problems, Consumer<Settings> resolve, Settings settings) {
        try {
            resolve.accept(settings);
        } catch (ExtensionConfigurationException e) {
            problems.add(e);
        }
    }
}
