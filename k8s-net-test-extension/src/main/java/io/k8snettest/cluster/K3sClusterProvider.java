package io.k8snettest.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.config.Settings;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.apiguardian.api.API;

/** A k3s cluster in a Testcontainers container, started by {@link #start} and stopped when its handle closes. */
@API(status = INTERNAL, since = "0.1")
public final class K3sClusterProvider implements ClusterProvider {

    private static final Logger LOG = LoggerFactory.getLogger(K3sClusterProvider.class);
    /** How often a k3s start that is still going on is told at INFO. */
    private static final long TELL_EVERY_SECONDS = 5;

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
        long started = System.nanoTime();
        LOG.info("k8s-net-test: starting k3s from image {} (the first start pulls the image; Testcontainers logs its steps)", image);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "k8s-net-test-k3s-start");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> LOG.info("k8s-net-test: k3s ({}) still starting after {}", image, since(started)),
                TELL_EVERY_SECONDS, TELL_EVERY_SECONDS, TimeUnit.SECONDS);
        try {
            k3s.start();
            LOG.info("k8s-net-test: k3s ({}) is up after {}", image, since(started));
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
        } finally {
            ticker.shutdownNow();
        }
    }

    private static String since(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
