package io.k8snettest.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.config.Settings;
import java.util.Optional;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.apiguardian.api.API;

/** A k3s cluster in a Testcontainers container, started by {@link #start} and stopped when its handle closes. */
@API(status = INTERNAL, since = "0.1")
public final class K3sClusterProvider implements ClusterProvider {

    private final DockerAvailability docker;

    public K3sClusterProvider() {
        this(new DockerAvailability());
    }

    K3sClusterProvider(DockerAvailability docker) {
        this.docker = docker;
    }

    @Override
    public String name() {
        return "k3s";
    }

    @Override
    public Optional<String> unavailableReason(Settings settings) {
        return docker.isAvailable() ? Optional.empty()
                : Optional.of("k3s needs Docker, and no Docker daemon is reachable (set " + K8sNetTest.KUBECONFIG_KEY
                        + " to use an existing cluster instead)");
    }

    @Override
    public ClusterHandle start(Settings settings) {
        String image = settings.string(K8sNetTest.K3S_IMAGE_KEY, K8sNetTest.DEFAULT_K3S_IMAGE);
        boolean reuse = settings.bool(K8sNetTest.K3S_REUSE_KEY, false);
        // A mirrored registry serves the same image under another name.
        K3sContainer k3s = new K3sContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("rancher/k3s"))
                .withReuse(reuse);
        try {
            k3s.start();
            KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml())).build();
            String description = "k3s " + image + (reuse ? " (reusable)" : "") + ", server " + client.getMasterUrl();
            // A reusable container outlives the JVM on purpose; only a non-reusable one is stopped.
            return new ClientClusterHandle(client, description, reuse ? () -> { } : k3s::stop);
        } catch (RuntimeException e) {
            if (!reuse) {
                k3s.stop();
            }
            throw new ClusterException("could not start k3s from image " + image + ": " + e.getMessage(), e);
        }
    }
}
