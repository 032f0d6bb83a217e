package io.k8snettest.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.config.ContextGlobs;
import io.k8snettest.config.Settings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * An existing cluster from kubeconfig files ({@value K8sNetTest#KUBECONFIG_KEY}, else {@code $KUBECONFIG},
 * merged as kubectl does, else {@code ~/.kube/config}) and an optional context. The context is
 * checked before the first request (see {@link Kubeconfig}), the API server within
 * {@link ApiServerCheck#BOUND} (see {@link ApiServerCheck}).
 */
@API(status = INTERNAL, since = "0.1")
public final class KubeconfigClusterProvider implements ClusterProvider {

    /** Timeouts of the run's client after the check: connecting, and each request (watches and exec are not bounded by it). */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Retries of a failed request during the run (fabric8's default of 10 with backoff takes minutes on a dead server). */
    static final int REQUEST_RETRIES = 2;

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

    /**
     * The configured file(s), else the files of {@code $KUBECONFIG}, else {@code ~/.kube/config};
     * a list is separated by the platform's path separator as in {@code $KUBECONFIG}.
     */
    public List<Path> kubeconfigPaths(Settings settings) {
        String list = settings.lookup(K8sNetTest.KUBECONFIG_KEY).orElseGet(() -> environment.apply("KUBECONFIG"));
        if (list == null || list.isBlank()) {
            return List.of(Path.of(userHome, ".kube", "config"));
        }
        return Arrays.stream(list.split(File.pathSeparator)).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }

    /** The first of {@link #kubeconfigPaths} that exists, else the first (e.g. for a kubectl that reads one file). */
    public Path kubeconfigPath(Settings settings) {
        List<Path> paths = kubeconfigPaths(settings);
        return paths.stream().filter(Files::isRegularFile).findFirst().orElse(paths.get(0));
    }

    private String pathSource(Settings settings) {
        if (settings.lookup(K8sNetTest.KUBECONFIG_KEY).isPresent()) {
            return settings.describeSource(K8sNetTest.KUBECONFIG_KEY);
        }
        String env = environment.apply("KUBECONFIG");
        return env != null && !env.isBlank() ? "environment variable KUBECONFIG" : "the default ~/.kube/config";
    }

    @Override
    public Optional<String> unavailableReason(Settings settings) {
        List<Path> paths = kubeconfigPaths(settings);
        if (paths.stream().anyMatch(Files::isRegularFile)) {
            return Optional.empty();
        }
        String files = paths.stream().map(Path::toString).collect(Collectors.joining(", "));
        return Optional.of((paths.size() == 1 ? "kubeconfig file " + files + " does not exist"
                : "none of the kubeconfig files " + files + " exists") + " (from " + pathSource(settings) + ")");
    }

    @Override
    public ClusterHandle start(Settings settings) {
        List<Path> paths = kubeconfigPaths(settings);
        Optional<String> requested = settings.lookup(K8sNetTest.CONTEXT_KEY);
        Kubeconfig.Selection selected = Kubeconfig.load(paths).select(requested.orElse(null),
                settings.describeSource(K8sNetTest.CONTEXT_KEY), ContextGlobs.from(settings));
        String where = "kubeconfig " + paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))
                + " (context " + selected.context() + "), server " + selected.server();
        Config config = selected.clientConfig();
        String version = ApiServerCheck.version(config, where, selected.user());
        config.setConnectionTimeout((int) CONNECTION_TIMEOUT.toMillis());
        config.setRequestTimeout((int) REQUEST_TIMEOUT.toMillis());
        config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        Optional<ImageLoader> loader = settings.lookup(K8sNetTest.IMAGES_LOAD_COMMAND_KEY)
                .map(command -> new CommandImageLoader(command, settings.describeSource(K8sNetTest.IMAGES_LOAD_COMMAND_KEY)));
        return new ClientClusterHandle(client, where + " (Kubernetes " + version + ")", () -> { }, loader);
    }
}
