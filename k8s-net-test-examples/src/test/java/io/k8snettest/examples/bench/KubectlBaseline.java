package io.k8snettest.examples.bench;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.cluster.ClusterHandle;
import io.k8snettest.cluster.ClusterProvider;
import io.k8snettest.cluster.ClusterProviders;
import io.k8snettest.cluster.KubeconfigClusterProvider;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kubectl side: runs the scripts of {@code .ci/benchmark} on the cluster the extension is configured
 * for (same kubeconfig and context; kubectl from {@code $KUBECTL}, else the local cluster's
 * {@code bin/kubectl}, else {@code kubectl} on the PATH) and reads their {@code phase <name> <millis>} lines.
 *
 * @param scripts     the directory of the scripts
 * @param kubeconfig  the kubeconfig file
 * @param context     the context asked for, or {@code null} for the kubeconfig's current one
 * @param kubectl     the kubectl binary
 * @param clientImage the probe image (the extension's {@value K8sNetTest#PROBE_IMAGE_KEY})
 * @param cluster     the cluster's description, as the extension gives it
 */
record KubectlBaseline(Path scripts, Path kubeconfig, String context, String kubectl, String clientImage, String cluster) {

    /** Bound of one run of a script: its own waits are bounded at 180 s each. */
    private static final Duration BOUND_PER_RUN = Duration.ofMinutes(15);

    /**
     * The cluster the extension is configured for (settings as a test run sees them), which must be in
     * kubeconfig mode: kubectl needs a kubeconfig. Connects once to describe it.
     */
    static KubectlBaseline forConfiguredCluster(Path scripts) {
        Settings settings = Settings.fromSystem();
        ClusterProvider provider = ClusterProviders.select(settings, "");
        if (!(provider instanceof KubeconfigClusterProvider kubeconfigProvider)) {
            throw new IllegalStateException("the benchmark compares with kubectl, so it needs kubeconfig mode:"
                    + " set K8SNET_CLUSTER=kubeconfig and K8SNET_KUBECONFIG=<file> (cluster provider now: " + provider.name() + ")");
        }
        provider.unavailableReason(settings).ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        String description;
        try (ClusterHandle cluster = provider.start(settings)) {
            description = cluster.description();
        }
        return new KubectlBaseline(scripts, kubeconfigProvider.kubeconfigPath(settings),
                settings.lookup(K8sNetTest.CONTEXT_KEY).orElse(null), kubectlBinary(),
                RuntimeSettings.resolve(settings, null).probeImage(), description);
    }

    /** {@code $KUBECTL}, else the local cluster's kubectl (matches its version), else {@code kubectl} on the PATH. */
    private static String kubectlBinary() {
        String env = System.getenv("KUBECTL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        String dir = System.getenv().getOrDefault("K8SNET_LOCAL_CLUSTER_DIR", "/var/tmp/k8snet-local-cluster");
        Path local = Path.of(dir, "bin", "kubectl");
        return Files.isExecutable(local) ? local.toString() : "kubectl";
    }

    /**
     * Runs {@code script} (a file of {@link #scripts}) with {@code args}, bounded by {@code runs} times
     * the bound of one run, and returns its samples per phase.
     */
    Map<String, List<Long>> run(String script, int runs, String... args) throws IOException, InterruptedException {
        Path file = scripts.resolve(script);
        Path out = Files.createTempFile("kubectl-baseline", ".out");
        try {
            List<String> command = new ArrayList<>(List.of("bash", file.toString()));
            command.addAll(List.of(args));
            System.err.println("[benchmark] kubectl side: " + String.join(" ", command) + " (" + kubectl + ")");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("KUBECONFIG", kubeconfig.toString());
            pb.environment().put("KUBECTL", kubectl);
            pb.environment().put("BENCH_CLIENT_IMAGE", clientImage);
            if (context != null) {
                pb.environment().put("BENCH_KUBE_CONTEXT", context);
            }
            Process process = pb.start();
            Duration bound = BOUND_PER_RUN.multipliedBy(runs);
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy(); // the scripts delete their namespaces on TERM
                if (!process.waitFor(3, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                }
                throw new IllegalStateException(file + " did not finish within " + bound);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(file + " failed with exit code " + process.exitValue()
                        + " (its stderr is above); its output:\n" + Files.readString(out));
            }
            return BaselineOutput.parse(Files.readAllLines(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
