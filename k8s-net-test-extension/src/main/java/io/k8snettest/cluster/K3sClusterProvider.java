package io.k8snettest.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.config.Settings;
import java.util.ArrayList;
import java.util.List;
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
    // The settings (K3sSettings) give the image, startup timeout, extra server arguments, a registries
    // configuration and the number of agent containers (K3sAgents); the handle loads local images into
    // the containerd of every node's container (K3sImageLoader).

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

    /**
     * Checks the k3s settings ({@value K8sNetTest#K3S_IMAGE_KEY}, {@value K8sNetTest#K3S_STARTUP_TIMEOUT_KEY},
     * {@value K8sNetTest#K3S_SERVER_ARGS_KEY}, {@value K8sNetTest#K3S_REGISTRIES_KEY}, {@value K8sNetTest#K3S_AGENTS_KEY})
     * without starting anything;
     * throws {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming the wrong one.
     */
    public static void checkSettings(Settings settings) {
        K3sSettings.from(settings);
    }

    @Override
    public ClusterHandle start(Settings settings) {
        K3sSettings k = K3sSettings.from(settings);
        long started = System.nanoTime();
        DockerImageName image = k.image();
        K3sContainer k3s = new K3sContainer(image).withReuse(k.reuse());
        K3sAgents agents = K3sAgents.of(k);
        agents.joinServer(k3s);
        k3s.setCommand(k.command(k3s.getHost(), agents.serverArgs()).toArray(String[]::new));
        k3s.withStartupTimeout(k.startupTimeout());
        k.registries().ifPresent(p -> k3s.withCopyFileToContainer(
                org.testcontainers.utility.MountableFile.forHostPath(p), K3sSettings.REGISTRIES_PATH));
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
            agents.start();
            KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml())).build();
            try {
                K3sReadiness.await(client, k.startupTimeout().minusNanos(System.nanoTime() - started),
                        k.nodeReadyWithoutTests(), agents.nodeNames(), agents::logTail);
                LOG.info("k8s-net-test: k3s ({}) is ready after {}, nodes: {}", image, since(started),
                        client.nodes().list().getItems().stream().map(n -> n.getMetadata().getName()).toList());
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
            String description = "k3s " + image.asCanonicalNameString() + (k.reuse() ? " (reusable)" : "")
                    + (k.agents() > 0 ? " with " + k.agents() + " agent node(s)" : "") + ", server " + client.getMasterUrl();
            // A reusable container outlives the JVM on purpose; only a non-reusable one is stopped (agents never
            // come with reuse, K3sSettings refuses that).
            return new ClientClusterHandle(client, description, k.reuse() ? () -> { } : () -> agents.stop(k3s::stop),
                    Optional.of(new K3sImageLoader(imageTargets(k3s, agents))));
        } catch (RuntimeException e) {
            agents.stop(k.reuse() ? () -> { } : k3s::stop);
            if (e instanceof ClusterException) {
                throw e;
            }
            throw new ClusterException(K3sMessages.startFailure(image.asCanonicalNameString(), k.startupTimeout(), e,
                    rootlessDocker()), e);
        } finally {
            ticker.shutdownNow();
        }
    }

    private static List<K3sImageLoader.Target> imageTargets(K3sContainer server, K3sAgents agents) {
        List<K3sImageLoader.Target> targets = new ArrayList<>();
        targets.add(K3sImageLoader.Target.of(server, agents.containers().isEmpty() ? "" : "server"));
        for (int i = 0; i < agents.containers().size(); i++) {
            targets.add(K3sImageLoader.Target.of(agents.containers().get(i), "agent " + agents.nodeNames().get(i)));
        }
        return targets;
    }

    private static boolean rootlessDocker() {
        try {
            List<String> options = org.testcontainers.DockerClientFactory.instance().getInfo().getSecurityOptions();
            return options != null && options.stream().anyMatch(o -> o.contains("rootless"));
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String since(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
