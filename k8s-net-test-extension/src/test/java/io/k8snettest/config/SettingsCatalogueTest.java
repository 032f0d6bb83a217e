package io.k8snettest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.K8sNetTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad settings: each fails at once (no cluster needed), naming the setting, the value and what is allowed. */
class SettingsCatalogueTest {

    private static final UnknownSettings NONE = new UnknownSettings(Map.of(), List.of());

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(Map<String, String> parameters,
                                                                                  UnknownSettings unknown) {
        Settings settings = new Settings(key -> Optional.ofNullable(parameters.get(key)), key -> null);
        long start = System.nanoTime();
        var assertion = assertThatThrownBy(() -> SettingsCheck.validate(settings, null, unknown))
                .isInstanceOf(ExtensionConfigurationException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        return assertion;
    }

    @ParameterizedTest(name = "bad input: {0}={1}")
    @CsvSource(delimiter = '|', value = {
        "k8snet.namespace.keep        | sometimes | configuration parameter 'k8snet.namespace.keep' is 'sometimes'; allowed: never, on-failure, always",
        "k8snet.namespace.stale-after | 0s        | configuration parameter 'k8snet.namespace.stale-after' is '0s': zero is not allowed; write a positive duration, e.g. 500ms, 30s, 2m, 1h or PT30S",
        "k8snet.namespace.stale-after | 30s       | configuration parameter 'k8snet.namespace.stale-after' is '30s'; allowed: 1m to 720h",
        "k8snet.namespace.stale-after | 31d       | configuration parameter 'k8snet.namespace.stale-after' is not a duration: '31d'; write e.g. 500ms, 30s, 2m, 1h or PT30S",
        "k8snet.timeout.ready         | 0s        | configuration parameter 'k8snet.timeout.ready' is '0s': zero is not allowed; write a positive duration, e.g. 500ms, 30s, 2m, 1h or PT30S",
        "k8snet.timeout.probe         | -5s       | configuration parameter 'k8snet.timeout.probe' is not a duration: '-5s'; write e.g. 500ms, 30s, 2m, 1h or PT30S",
        "k8snet.timeout.delete        | PT0S      | configuration parameter 'k8snet.timeout.delete' is 'PT0S': zero is not allowed; write a positive duration, e.g. 500ms, 30s, 2m, 1h or PT30S",
        "k8snet.stability-window      | 0ms       | configuration parameter 'k8snet.stability-window' is '0ms': zero is not allowed; write a positive duration, e.g. 500ms, 30s, 2m, 1h or PT30S",
        "k8snet.require-cluster       | maybe     | configuration parameter 'k8snet.require-cluster' is 'maybe'; allowed: true or false",
        "k8snet.k3s.reuse             | sure      | configuration parameter 'k8snet.k3s.reuse' is 'sure'; allowed: true or false",
        "k8snet.probe.channel         | fast      | configuration parameter 'k8snet.probe.channel' is 'fast'; allowed: true or false",
        "k8snet.namespace.delete      | later     | configuration parameter 'k8snet.namespace.delete' is 'later'; allowed: background, wait",
        "k8snet.allowed-contexts      | 'kind-*,,prod' | configuration parameter 'k8snet.allowed-contexts' is 'kind-*,,prod', which has an empty entry; write comma-separated context names or globs, e.g. kind-*,docker-desktop",
    })
    void badValueNamesTheSettingAndWhatIsAllowed(String key, String value, String message) {
        assertRejected(Map.of(key, value), NONE).hasMessage(message);
    }

    @Test
    void staleAgeOfOneMinuteIsTheShortestAllowed() {
        Settings settings = new Settings(key -> Optional.of("1m").filter(v -> key.equals(K8sNetTest.STALE_NAMESPACE_AGE_KEY)),
                key -> null);

        assertThat(RuntimeSettings.resolve(settings, null).staleNamespaceAge()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    @DisplayName("bad input: an unknown k8snet.* system property names the closest known key")
    void unknownPropertyNamesTheClosestKey() {
        assertRejected(Map.of(), new UnknownSettings(Map.of("system property", List.of("k8snet.timeout.readyness", "java.version")),
                List.of())).hasMessage("k8s-net-test: unknown setting 'k8snet.timeout.readyness' (system property); did you"
                + " mean 'k8snet.timeout.ready'? Known settings are listed in the README's settings table.");
    }

    @Test
    @DisplayName("bad input: an unknown key in a junit-platform.properties names the file and the closest key")
    void unknownKeyInAPropertiesFile() {
        assertRejected(Map.of(), new UnknownSettings(Map.of("file:/x/junit-platform.properties",
                List.of("k8snet.namespace.kep", "junit.jupiter.execution.parallel.enabled")), List.of()))
                .hasMessage("k8s-net-test: unknown setting 'k8snet.namespace.kep' (file:/x/junit-platform.properties); did you"
                        + " mean 'k8snet.namespace.keep'? Known settings are listed in the README's settings table.");
    }

    @ParameterizedTest(name = "bad input: environment variable {0}")
    @CsvSource({
        "K8SNET_TIMEOUT_READYNESS, K8SNET_TIMEOUT_READY",
        "K8SNET_REQUIRE_CLUSTR, K8SNET_REQUIRE_CLUSTER",
        "K8SNET_KUBE_CONFIG, K8SNET_KUBECONFIG",
        "K8SNET_NAMESPACE_STALE_AGE, K8SNET_NAMESPACE_STALE_AFTER",
        "K8SNET_ALLOWED_CONTEXT, K8SNET_ALLOWED_CONTEXTS",
    })
    void nearMissEnvironmentVariableFails(String name, String closest) {
        assertRejected(Map.of(), new UnknownSettings(Map.of(), List.of(name, "PATH")))
                .hasMessageStartingWith("k8s-net-test: unknown setting in environment variable " + name + "; did you mean "
                        + closest + "?");
    }

    /** The variables our CI scripts export into the same process tree must not fail a run just for existing. */
    @ParameterizedTest
    @ValueSource(strings = {"K8SNET_CACHE_DIR", "K8SNET_LOCAL_CLUSTER_DIR", "K8SNET_CI_LOG_DIR", "K8SNET_SKIP_SMOKE",
        "K8SNET_SKIP_IMAGES", "K8SNET_IMAGES_ONLY", "K8SNET_K8S_VERSION", "K8SNET_REGISTRY_PORT", "K8SNET_SMOKE_NS",
        "K8SNET_SMOKE_UNUSED_IP"})
    void otherK8snetEnvironmentVariablesAreIgnored(String name) {
        assertThat(new UnknownSettings(Map.of(), List.of(name, "K8SNET_CLUSTER")).problems()).isEmpty();
    }

    @Test
    @DisplayName("bad input: several wrong settings are reported together")
    void severalProblemsInOneMessage() {
        assertRejected(Map.of(K8sNetTest.REQUIRE_CLUSTER_KEY, "maybe", K8sNetTest.KEEP_NAMESPACE_KEY, "sometimes"),
                new UnknownSettings(Map.of(), List.of("K8SNET_TIMEOUT_READYNESS")))
                .hasMessageStartingWith("k8s-net-test: 3 settings are wrong:\n - k8s-net-test: unknown setting in environment"
                        + " variable K8SNET_TIMEOUT_READYNESS")
                .hasMessageContaining("\n - configuration parameter 'k8snet.namespace.keep' is 'sometimes'")
                .hasMessageContaining("\n - configuration parameter 'k8snet.require-cluster' is 'maybe'");
    }

    @Test
    void knownKeysAreTheConstantsOfK8sNetTest() {
        assertThat(SettingKeys.known()).contains(K8sNetTest.CLUSTER_KEY, K8sNetTest.ALLOWED_CONTEXTS_KEY,
                K8sNetTest.STABILITY_WINDOW_KEY).allMatch(k -> k.startsWith("k8snet.")).doesNotHaveDuplicates();
        assertThat(new UnknownSettings(Map.of("system property", SettingKeys.known()),
                SettingKeys.known().stream().map(Settings::environmentName).toList()).problems()).isEmpty();
    }

    @Test
    void readmeSettingsTableListsEveryKnownKey() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));

        assertThat(SettingKeys.known()).allSatisfy(key -> assertThat(readme).contains("| `" + key + "` | `"
                + Settings.environmentName(key) + "` |"));
    }

    @Test
    void editDistance() {
        assertThat(SettingKeys.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(SettingKeys.distance("", "abc")).isEqualTo(3);
        assertThat(SettingKeys.distance("same", "same")).isZero();
    }
}
