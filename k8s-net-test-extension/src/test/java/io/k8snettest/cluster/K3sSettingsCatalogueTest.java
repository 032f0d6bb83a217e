package io.k8snettest.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/** The k3s settings without Docker: defaults, the server command, and every bad value with its message. */
class K3sSettingsCatalogueTest {

    @TempDir
    Path dir;

    private static Settings settings(Map<String, String> values) {
        return new Settings(key -> Optional.ofNullable(values.get(key)), name -> null);
    }

    private static String failure(Map<String, String> values) {
        long start = System.nanoTime();
        ExtensionConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ExtensionConfigurationException.class,
                () -> K3sSettings.from(settings(values)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        return e.getMessage();
    }

    @Test
    void defaults() {
        K3sSettings k = K3sSettings.from(settings(Map.of()));

        assertThat(k.image().asCanonicalNameString()).isEqualTo("rancher/k3s:v1.34.12-k3s1");
        assertThat(K8sNetTest.DEFAULT_K3S_IMAGE).isEqualTo("rancher/k3s:v1.34.12-k3s1");
        assertThat(k.startupTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(k.serverArgs()).isEmpty();
        assertThat(k.registries()).isEmpty();
        assertThat(k.reuse()).isFalse();
        assertThat(k.nodeReadyWithoutTests()).isTrue();
        assertThat(k.agents()).as("a single node unless asked").isZero();
        assertThat(k.command("localhost")).containsExactly("server", "--disable=traefik", "--tls-san=localhost");
    }

    @Test
    void agentsFromAParameterOrTheEnvironment() {
        assertThat(K3sSettings.from(settings(Map.of(K8sNetTest.K3S_AGENTS_KEY, " 4 "))).agents()).isEqualTo(4);
        assertThat(K3sSettings.from(settings(Map.of(K8sNetTest.K3S_AGENTS_KEY, "0"))).agents()).isZero();
        Settings environment = new Settings(key -> Optional.empty(), name -> "K8SNET_K3S_AGENTS".equals(name) ? "1" : null);
        assertThat(K3sSettings.from(environment).agents()).isEqualTo(1);
    }

    @Test
    @DisplayName("bad input: k8snet.k3s.agents that is no whole number")
    void agentsNoNumber() {
        assertThat(failure(Map.of(K8sNetTest.K3S_AGENTS_KEY, "two")))
                .isEqualTo("configuration parameter 'k8snet.k3s.agents' is 'two', which is no whole number; write how many"
                        + " k3s agent nodes to start beside the server, 0 to 4 (e.g. 1 for two nodes)");
    }

    @Test
    @DisplayName("bad input: k8snet.k3s.agents negative")
    void agentsNegative() {
        assertThat(failure(Map.of(K8sNetTest.K3S_AGENTS_KEY, "-1")))
                .isEqualTo("configuration parameter 'k8snet.k3s.agents' is '-1'; allowed: 0 to 4 (each agent is one more"
                        + " k3s container, a node of a few hundred MiB)");
    }

    @Test
    @DisplayName("bad input: k8snet.k3s.agents too many (also in the environment)")
    void agentsTooMany() {
        assertThat(failure(Map.of(K8sNetTest.K3S_AGENTS_KEY, "5"))).startsWith("configuration parameter"
                + " 'k8snet.k3s.agents' is '5'; allowed: 0 to 4");
        assertThat(failure(Map.of(K8sNetTest.K3S_AGENTS_KEY, "99999999999"))).contains("'99999999999', which is no whole"
                + " number");
        Settings environment = new Settings(key -> Optional.empty(), name -> "K8SNET_K3S_AGENTS".equals(name) ? "12" : null);
        assertThatThrownBy(() -> K3sSettings.from(environment)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("K8SNET_K3S_AGENTS").hasMessageContaining("'12'; allowed: 0 to 4");
    }

    @Test
    @DisplayName("bad input: k8snet.k3s.agents together with k8snet.k3s.reuse")
    void agentsWithReuse() {
        assertThat(failure(Map.of(K8sNetTest.K3S_AGENTS_KEY, "1", K8sNetTest.K3S_REUSE_KEY, "true")))
                .isEqualTo("configuration parameter 'k8snet.k3s.agents' is '1' and configuration parameter"
                        + " 'k8snet.k3s.reuse' is true: a reused k3s server cannot keep its agents, which join it over a"
                        + " Docker network made for one run; set k8snet.k3s.agents=0 or k8snet.k3s.reuse=false");
        assertThat(K3sSettings.from(settings(Map.of(K8sNetTest.K3S_AGENTS_KEY, "0", K8sNetTest.K3S_REUSE_KEY, "true")))
                .reuse()).isTrue();
    }

    @Test
    void extraServerArgumentsFollowTestcontainersOnes() {
        K3sSettings k = K3sSettings.from(settings(Map.of(K8sNetTest.K3S_SERVER_ARGS_KEY,
                " --flannel-backend=none   --disable-network-policy ", K8sNetTest.K3S_STARTUP_TIMEOUT_KEY, "5m")));

        assertThat(k.command("10.0.0.5")).containsExactly("server", "--disable=traefik", "--tls-san=10.0.0.5",
                "--flannel-backend=none", "--disable-network-policy");
        assertThat(k.startupTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(k.nodeReadyWithoutTests()).as("no CNI until the tests install one").isFalse();
    }

    @Test
    void registriesFileAndMirroredImage() throws Exception {
        Path registries = Files.writeString(dir.resolve("registries.yaml"), "mirrors: {}\n");

        K3sSettings k = K3sSettings.from(settings(Map.of(K8sNetTest.K3S_REGISTRIES_KEY, registries.toString(),
                K8sNetTest.K3S_IMAGE_KEY, "mirror.example:5000/rancher/k3s:v1.34.12-k3s1")));

        assertThat(k.registries()).contains(registries);
        assertThat(K3sSettings.REGISTRIES_PATH).isEqualTo("/etc/rancher/k3s/registries.yaml");
        assertThat(k.image().asCanonicalNameString()).isEqualTo("mirror.example:5000/rancher/k3s:v1.34.12-k3s1");
    }

    @Test
    @DisplayName("bad input: k8snet.k3s.image that is no image reference")
    void badImage() {
        assertThat(failure(Map.of(K8sNetTest.K3S_IMAGE_KEY, "rancher/k3s:v1.34.12+k3s1")))
                .startsWith("configuration parameter 'k8snet.k3s.image' is 'rancher/k3s:v1.34.12+k3s1', which is not an image reference")
                .endsWith("give a k3s image such as rancher/k3s:v1.34.12-k3s1 (the tag is the k3s release with '+' written as '-')");
    }

    @Test
    @DisplayName("bad input: k8snet.k3s.startup-timeout out of range")
    void badTimeout() {
        assertThat(failure(Map.of(K8sNetTest.K3S_STARTUP_TIMEOUT_KEY, "5s")))
                .isEqualTo("configuration parameter 'k8snet.k3s.startup-timeout' is '5s'; allowed: 30s to 30m");
    }

    @Test
    @DisplayName("bad input: k8snet.k3s.startup-timeout that is no duration")
    void timeoutNoDuration() {
        assertThat(failure(Map.of(K8sNetTest.K3S_STARTUP_TIMEOUT_KEY, "soon"))).contains("k8snet.k3s.startup-timeout", "soon");
    }

    @Test
    @DisplayName("bad input: k8snet.k3s.server-args with a word that is no option")
    void badServerArgs() {
        assertThat(failure(Map.of(K8sNetTest.K3S_SERVER_ARGS_KEY, "--flannel-backend none")))
                .isEqualTo("configuration parameter 'k8snet.k3s.server-args' has 'none', which is no option; write options of"
                        + " 'k3s server' separated by spaces, each with its value after '=', e.g."
                        + " '--flannel-backend=none --disable-network-policy'");
    }

    @Test
    @DisplayName("bad input: k8snet.k3s.registries that is no file")
    void missingRegistries() {
        Path missing = dir.resolve("nope.yaml");

        assertThat(failure(Map.of(K8sNetTest.K3S_REGISTRIES_KEY, missing.toString())))
                .startsWith("configuration parameter 'k8snet.k3s.registries' is '" + missing + "', which is no file")
                .endsWith("give the path of a k3s registries.yaml (mirrors and credentials, see the k3s documentation on"
                        + " private registries)");
    }

    @Test
    @DisplayName("bad input: k8snet.k3s.reuse that is no boolean")
    void badReuse() {
        assertThatThrownBy(() -> K3sSettings.from(settings(Map.of(K8sNetTest.K3S_REUSE_KEY, "maybe"))))
                .hasMessage("configuration parameter 'k8snet.k3s.reuse' is 'maybe'; allowed: true or false");
    }

    @Test
    void startCommandListIsImmutable() {
        assertThat(K3sSettings.BASE_ARGS).isEqualTo(List.of("server", "--disable=traefik"));
    }
}
