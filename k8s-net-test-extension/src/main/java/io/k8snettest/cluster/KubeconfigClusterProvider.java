package io.k8snettest.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** An existing cluster from a kubeconfig file ({@value K8sNetTest#KUBECONFIG_KEY}) and optional context. */
public final class KubeconfigClusterProvider implements ClusterProvider {

    private static final int CONNECT_CHECK_TIMEOUT_MS = 15_000;

    private final Function<String, String> environment;
    private final String userHome;

    public KubeconfigClusterProvider() {
        this(System::getenv, System.getProperty("user.home"));
    }

    /** For tests: injectable environment and home directory. */
    public KubeconfigClusterProvider(Function<String, String> environment, String userHome) {
        this.environment = environment;
        this.userHome = userHome;
    }

    @Override
    public String name() {
        return "kubeconfig";
    }

    /** The configured file, else {@code $KUBECONFIG} (its first entry), else {@code ~/.kube/config}. */
    public Path kubeconfigPath(Settings settings) {
        Optional<String> configured = settings.lookup(K8sNetTest.KUBECONFIG_KEY);
        if (configured.isPresent()) {
            return Path.of(configured.get());
        }
        String env = environment.apply("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env.split(java.io.File.pathSeparator)[0]);
        }
        return Path.of(userHome, ".kube", "config");
    }

    @Override
    public Optional<String> unavailableReason(Settings settings) {
        Path path = kubeconfigPath(settings);
        return Files.isRegularFile(path) ? Optional.empty()
                : Optional.of("kubeconfig file " + path + " does not exist (from " + settings.describeSource(K8sNetTest.KUBECONFIG_KEY) + ")");
    }

    @Override
    public ClusterHandle start(Settings settings) {
        Path path = kubeconfigPath(settings);
        String context = settings.lookup(K8sNetTest.CONTEXT_KEY).orElse(null);
        String where = "kubeconfig " + path + (context == null ? "" : " (context " + context + ")");
        Config config;
        try {
            config = Config.fromKubeconfig(context, path.toFile());
        } catch (RuntimeException e) {
            throw new ClusterException("cannot read " + where + ": " + e.getMessage(), e);
        }
        config.setRequestTimeout(CONNECT_CHECK_TIMEOUT_MS);
        config.setConnectionTimeout(CONNECT_CHECK_TIMEOUT_MS);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        String description = where + ", server " + config.getMasterUrl();
        try {
            String version = client.getKubernetesVersion().getGitVersion();
            return new ClientClusterHandle(client, description + " (Kubernetes " + version + ")", () -> { });
        } catch (RuntimeException e) {
            client.close();
            throw new ClusterException("cannot reach the cluster of " + description + " (GET /version): " + e.getMessage(), e);
        }
    }
}
