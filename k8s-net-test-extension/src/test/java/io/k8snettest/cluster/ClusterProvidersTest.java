package io.k8snettest.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

class ClusterProvidersTest {

    private static Settings settings(Map<String, String> parameters) {
        return new Settings(key -> Optional.ofNullable(parameters.get(key)), key -> null);
    }

    @Test
    void autoIsKubeconfigWhenOneIsConfiguredElseK3s() {
        assertThat(ClusterProviders.select(settings(Map.of("k8snet.kubeconfig", "/x")), "")).isInstanceOf(KubeconfigClusterProvider.class);
        assertThat(ClusterProviders.select(settings(Map.of()), null)).isInstanceOf(K3sClusterProvider.class);
    }

    @Test
    void annotationWinsOverTheSetting() {
        assertThat(ClusterProviders.select(settings(Map.of("k8snet.cluster", "k3s")), "kubeconfig"))
                .isInstanceOf(KubeconfigClusterProvider.class);
    }

    @Test
    void aClassNameGivesThatProvider() {
        assertThat(ClusterProviders.select(settings(Map.of("k8snet.cluster", NoCluster.class.getName())), ""))
                .isInstanceOf(NoCluster.class);
    }

    @Test
    void unknownValueListsWhatIsAllowed() {
        assertThatThrownBy(() -> ClusterProviders.select(settings(Map.of("k8snet.cluster", "kind")), ""))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter 'k8snet.cluster' is 'kind'; allowed: auto, k3s, kubeconfig, or the"
                        + " fully-qualified name of a io.k8snettest.cluster.ClusterProvider with a public no-argument constructor");
        assertThatThrownBy(() -> ClusterProviders.select(settings(Map.of()), String.class.getName()))
                .hasMessageStartingWith("@K8sNetTest(cluster) is 'java.lang.String', which does not implement");
    }

    @Test
    void k3sIsUnavailableWithoutDocker() {
        var provider = new K3sClusterProvider(new DockerAvailability() {
            @Override
            public boolean isAvailable() {
                return false;
            }
        });

        assertThat(provider.unavailableReason(settings(Map.of()))).hasValueSatisfying(r -> assertThat(r).startsWith("k3s needs Docker"));
    }

    @Test
    void kubeconfigPathIsSettingThenEnvironmentThenHome(@TempDir Path home) {
        var provider = new KubeconfigClusterProvider(name -> "KUBECONFIG".equals(name) ? "/env/config" : null, home.toString());

        assertThat(provider.kubeconfigPath(settings(Map.of("k8snet.kubeconfig", "/set/config")))).isEqualTo(Path.of("/set/config"));
        assertThat(provider.kubeconfigPath(settings(Map.of()))).isEqualTo(Path.of("/env/config"));
        assertThat(new KubeconfigClusterProvider(name -> null, home.toString()).kubeconfigPath(settings(Map.of())))
                .isEqualTo(home.resolve(".kube/config"));
        assertThat(provider.unavailableReason(settings(Map.of("k8snet.kubeconfig", "/set/config"))))
                .hasValue("kubeconfig file /set/config does not exist (from configuration parameter 'k8snet.kubeconfig')");
        assertThat(provider.unavailableReason(settings(Map.of()))).hasValue("kubeconfig file /env/config does not exist (from"
                + " environment variable KUBECONFIG)");
    }

    @Test
    void handleClosesClientAndWhatTheProviderStartedOnce() {
        AtomicInteger stops = new AtomicInteger();
        KubernetesClient client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().build();
        var handle = new ClientClusterHandle(client, "test", stops::incrementAndGet);

        handle.close();
        handle.close();

        assertThat(stops).hasValue(1);
    }

    /** A provider a user could name by class. */
    public static final class NoCluster implements ClusterProvider {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public Optional<String> unavailableReason(Settings settings) {
            return Optional.of("never");
        }

        @Override
        public ClusterHandle start(Settings settings) {
            throw new ClusterException("never");
        }
    }
}
