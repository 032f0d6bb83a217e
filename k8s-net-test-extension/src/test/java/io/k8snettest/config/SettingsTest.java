package io.k8snettest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class SettingsTest {

    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Settings settings = new Settings(key -> Optional.ofNullable(parameters.get(key)), environment::get);

    @Test
    void environmentNames() {
        assertThat(Settings.environmentName("k8snet.timeout.ready")).isEqualTo("K8SNET_TIMEOUT_READY");
        assertThat(Settings.environmentName("k8snet.require-cluster")).isEqualTo("K8SNET_REQUIRE_CLUSTER");
        assertThat(Settings.environmentName("k8snet.namespace.stale-after")).isEqualTo("K8SNET_NAMESPACE_STALE_AFTER");
    }

    @Test
    void explicitThenParameterThenEnvironmentThenDefault() {
        String key = "k8snet.probe.image";
        assertThat(settings.string(key, "default")).isEqualTo("default");

        environment.put("K8SNET_PROBE_IMAGE", "from-env");
        assertThat(settings.string(key, "default")).isEqualTo("from-env");

        parameters.put(key, "from-parameter");
        assertThat(settings.string(key, "default")).isEqualTo("from-parameter");

        assertThat(settings.string(key, "explicit", "default")).isEqualTo("explicit");
        assertThat(settings.string(key, "", "default")).as("empty is the sentinel").isEqualTo("from-parameter");
    }

    @Test
    void blankValuesCountAsUnsetAndValuesAreStripped() {
        parameters.put("k8snet.context", "  ");
        environment.put("K8SNET_CONTEXT", " ctx ");

        assertThat(settings.lookup("k8snet.context")).contains("ctx");
        assertThat(settings.lookup("k8snet.cluster")).isEmpty();
    }

    @Test
    void describesWhereAValueComesFrom() {
        parameters.put("k8snet.a", "1");
        environment.put("K8SNET_B", "2");

        assertThat(settings.describeSource("k8snet.a")).isEqualTo("configuration parameter 'k8snet.a'");
        assertThat(settings.describeSource("k8snet.b")).isEqualTo("environment variable K8SNET_B");
        assertThat(settings.describeSource("k8snet.c")).isEqualTo("default of 'k8snet.c'");
    }

    @Test
    void booleans() {
        String key = "k8snet.require-cluster";
        assertThat(settings.bool(key, false)).isFalse();
        for (String yes : new String[] {"true", "TRUE", "yes", "1", "on"}) {
            parameters.put(key, yes);
            assertThat(settings.bool(key, false)).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "No", "0", "off"}) {
            parameters.put(key, no);
            assertThat(settings.bool(key, true)).as(no).isFalse();
        }
    }

    @Test
    void badBooleanNamesTheSourceAndTheAllowedValues() {
        environment.put("K8SNET_REQUIRE_CLUSTER", "maybe");

        assertThatThrownBy(() -> settings.bool("k8snet.require-cluster", false))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("environment variable K8SNET_REQUIRE_CLUSTER is 'maybe'; allowed: true or false");
    }

    @Test
    void durationsFollowTheSameOrder() {
        String key = "k8snet.timeout.probe";
        assertThat(settings.duration(key, Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
        environment.put("K8SNET_TIMEOUT_PROBE", "2m");
        assertThat(settings.duration(key, Duration.ofSeconds(60))).isEqualTo(Duration.ofMinutes(2));
        parameters.put(key, "PT30S");
        assertThat(settings.duration(key, Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.duration(key, "500ms", Duration.ofSeconds(60))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void badDurationNamesTheSource() {
        parameters.put("k8snet.timeout.ready", "forever");

        assertThatThrownBy(() -> settings.duration("k8snet.timeout.ready", Duration.ofMinutes(3)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter 'k8snet.timeout.ready' is not a duration: 'forever'; write e.g."
                        + " 500ms, 30s, 2m, 1h or PT30S");
        assertThatThrownBy(() -> settings.duration("k8snet.timeout.ready", "soon", Duration.ofMinutes(3)))
                .hasMessage("the annotation is not a duration: 'soon'; write e.g. 500ms, 30s, 2m, 1h or PT30S");
    }

    @Test
    void choicesNormaliseCaseAndUnderscores() {
        String key = "k8snet.namespace.keep";
        assertThat(settings.choice(key, null, "never", "never", "on-failure", "always")).isEqualTo("never");
        environment.put("K8SNET_NAMESPACE_KEEP", "ON_FAILURE");
        assertThat(settings.choice(key, null, "never", "never", "on-failure", "always")).isEqualTo("on-failure");
        assertThat(settings.choice(key, "Always", "never", "never", "on-failure", "always")).isEqualTo("always");
    }

    @Test
    void badChoiceNamesTheSourceAndTheAllowedValues() {
        String key = "k8snet.namespace.keep";
        parameters.put(key, "sometimes");

        assertThatThrownBy(() -> settings.choice(key, null, "never", "never", "on-failure", "always"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter 'k8snet.namespace.keep' is 'sometimes'; allowed: never,"
                        + " on-failure, always");
        assertThatThrownBy(() -> settings.choice(key, "rarely", "never", "never", "on-failure", "always"))
                .hasMessage("the annotation is 'rarely'; allowed: never, on-failure, always");
    }
}
