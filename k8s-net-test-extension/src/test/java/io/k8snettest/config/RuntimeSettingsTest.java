package io.k8snettest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.K8sNetTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {

    private static Settings settings(Map<String, String> parameters, Map<String, String> environment) {
        return new Settings(key -> Optional.ofNullable(parameters.get(key)), environment::get);
    }

    @Test
    void defaults() {
        RuntimeSettings resolved = RuntimeSettings.resolve(settings(Map.of(), Map.of()), null);

        assertThat(resolved).isEqualTo(new RuntimeSettings("k8snet", "never", Duration.ofHours(1),
                K8sNetTest.DEFAULT_PROBE_IMAGE, Duration.ofMinutes(3), Duration.ofSeconds(60), Duration.ofMinutes(2),
                Duration.ofSeconds(10)));
    }

    @Test
    void everyKeyIsRead() {
        RuntimeSettings resolved = RuntimeSettings.resolve(settings(Map.of(
                K8sNetTest.NAMESPACE_PREFIX_KEY, "ci",
                K8sNetTest.KEEP_NAMESPACE_KEY, "on-failure",
                K8sNetTest.STALE_NAMESPACE_AGE_KEY, "30m",
                K8sNetTest.PROBE_IMAGE_KEY, "mirror.local/busybox:1.35.0",
                K8sNetTest.READY_TIMEOUT_KEY, "5m",
                K8sNetTest.DELETE_TIMEOUT_KEY, "90s"), Map.of(
                "K8SNET_TIMEOUT_PROBE", "20s",
                "K8SNET_STABILITY_WINDOW", "5s")), null);

        assertThat(resolved).isEqualTo(new RuntimeSettings("ci", "on-failure", Duration.ofMinutes(30),
                "mirror.local/busybox:1.35.0", Duration.ofMinutes(5), Duration.ofSeconds(20), Duration.ofSeconds(90),
                Duration.ofSeconds(5)));
    }

    @Test
    void annotationKeepWinsOverTheSetting() {
        Settings s = settings(Map.of(K8sNetTest.KEEP_NAMESPACE_KEY, "always"), Map.of());

        assertThat(RuntimeSettings.resolve(s, "ON_FAILURE").keepNamespace()).isEqualTo("on-failure");
        assertThat(RuntimeSettings.resolve(s, null).keepNamespace()).isEqualTo("always");
    }

    @Test
    void badKeepValue() {
        assertThatThrownBy(() -> RuntimeSettings.resolve(settings(Map.of(), Map.of("K8SNET_NAMESPACE_KEEP", "yes")),
                null)).hasMessage("environment variable K8SNET_NAMESPACE_KEEP is 'yes'; allowed: never, on-failure,"
                + " always");
    }

    @Test
    void keepDependsOnTheModeAndTheOutcome() {
        RuntimeSettings base = RuntimeSettings.resolve(settings(Map.of(), Map.of()), null);

        assertThat(withKeep(base, "never").keep(false)).isFalse();
        assertThat(withKeep(base, "never").keep(true)).isFalse();
        assertThat(withKeep(base, "on-failure").keep(false)).isFalse();
        assertThat(withKeep(base, "on-failure").keep(true)).isTrue();
        assertThat(withKeep(base, "always").keep(false)).isTrue();
        assertThat(withKeep(base, "always").keep(true)).isTrue();
    }

    private static RuntimeSettings withKeep(RuntimeSettings s, String keep) {
        return new RuntimeSettings(s.namespacePrefix(), keep, s.staleNamespaceAge(), s.probeImage(), s.readyTimeout(),
                s.probeTimeout(), s.deleteTimeout(), s.stabilityWindow());
    }
}
