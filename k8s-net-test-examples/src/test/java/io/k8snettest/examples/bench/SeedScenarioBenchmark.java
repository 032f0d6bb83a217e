package io.k8snettest.examples.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.cluster.ClusterHandle;
import io.k8snettest.cluster.ClusterProvider;
import io.k8snettest.cluster.ClusterProviders;
import io.k8snettest.cluster.KubeconfigClusterProvider;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.config.Settings;
import io.k8snettest.plan.DeploymentSpec;
import io.k8snettest.plan.ResourcePlan;
import io.k8snettest.plan.ServiceSpec;
import io.k8snettest.policy.PolicyEnforcement;
import io.k8snettest.session.NamespaceSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Not a test: times the seed scenario through the extension's runtime, N times, next to the same
 * steps done by hand with kubectl ({@code .ci/benchmark/kubectl-baseline.sh}) on the same cluster,
 * and prints median and spread per phase. Run it with the {@code benchmark} profile (see README).
 */
public final class SeedScenarioBenchmark {

    static final List<String> PHASES = List.of("namespace-ready", "deployment-ready", "endpoints-ready",
            "first-clusterip-probe", "single-probe", "all-replicas", "time-to-heal");
    private static final String WELCOME = "<title>Welcome to nginx!</title>";
    private static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.56";
    private static final String ORIGIN = "SeedScenarioBenchmark";
    /** Bound of the whole baseline per run: its own waits are bounded at 180 s each. */
    private static final Duration BASELINE_BOUND_PER_RUN = Duration.ofMinutes(15);

    private SeedScenarioBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        int runs = Integer.getInteger("bench.runs", 5);
        Path script = Path.of(System.getProperty("bench.baseline", ".ci/benchmark/kubectl-baseline.sh")).normalize();
        Settings settings = Settings.fromSystem();
        ClusterProvider provider = ClusterProviders.select(settings, "");
        if (!(provider instanceof KubeconfigClusterProvider kubeconfigProvider)) {
            throw new IllegalStateException("the benchmark compares with kubectl, so it needs kubeconfig mode:"
                    + " set K8SNET_CLUSTER=kubeconfig and K8SNET_KUBECONFIG=<file> (cluster provider now: " + provider.name() + ")");
        }
        provider.unavailableReason(settings).ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        RuntimeSettings runtime = RuntimeSettings.resolve(settings, null);
        Map<String, List<Long>> ours = new LinkedHashMap<>();
        Map<String, List<Long>> kubectl = new LinkedHashMap<>();
        String description;
        try (ClusterHandle cluster = provider.start(settings)) {
            description = cluster.description();
            String runId = "benchmark-" + System.currentTimeMillis();
            for (int i = 1; i <= runs; i++) {
                oneRun(cluster.client(), runtime, runId, ours);
                System.err.println("[benchmark] ours: run " + i + "/" + runs + " done");
            }
        }
        String kubectlBinary = kubectlBinary();
        System.err.println("[benchmark] kubectl baseline: " + runs + " run(s) with " + kubectlBinary);
        baseline(script, runs, kubeconfigProvider.kubeconfigPath(settings),
                settings.lookup(K8sNetTest.CONTEXT_KEY).orElse(null), kubectlBinary, runtime.probeImage(), kubectl);

        System.out.println("cluster: " + description);
        System.out.println("runs: " + runs + " (ours: extension runtime; kubectl: " + kubectlBinary + " via " + script + ")");
        System.out.print(table(ours, kubectl));
        System.out.printf("total wall time: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** The seed scenario once, in a fresh namespace that is deleted afterwards, also on failure. */
    private static void oneRun(KubernetesClient client, RuntimeSettings runtime, String runId,
                               Map<String, List<Long>> timings) {
        long t0 = System.nanoTime();
        try (NamespaceSession session = NamespaceSession.open(client, runtime, runId, SeedScenarioBenchmark.class.getName(),
                new PolicyEnforcement(), null)) {
            lap(timings, "namespace-ready", t0);

            DeploymentSpec nginx = deployment("my-nginx", "nginx:1.22.1", 2, 80, Map.of("run", "my-nginx"), List.of());
            t0 = System.nanoTime();
            session.apply(plan(List.of(nginx), List.of()));
            lap(timings, "deployment-ready", t0);

            t0 = System.nanoTime();
            session.apply(plan(List.of(), List.of(service(nginx, 80, 80))));
            lap(timings, "endpoints-ready", t0);

            NetTest net = session.netTest(io.k8snettest.report.Publisher.NONE);
            ServiceHandle myNginx = net.service("my-nginx");
            String ip = myNginx.clusterIP();
            t0 = System.nanoTime();
            ProbeClient loadGenerator = net.client(ClientSpec.named("load-generator").env("MyClusterIP", ip).build());
            loadGenerator.awaitHttp(ip, 80, "/", 200, WELCOME, runtime.probeTimeout());
            lap(timings, "first-clusterip-probe", t0);

            t0 = System.nanoTime();
            ProbeResult single = loadGenerator.http(ip, 80, "/");
            lap(timings, "single-probe", t0);
            if (!single.success()) {
                throw new IllegalStateException("single probe failed: " + single);
            }

            DeploymentSpec hostnames = deployment("hostnames", AGNHOST, 3, 8080, Map.of("app", "hostnames"),
                    List.of("netexec", "--http-port=8080"));
            session.apply(plan(List.of(hostnames), List.of(service(hostnames, 80, 8080))));
            Set<String> pods = net.deployment("hostnames").pods().stream().map(p -> p.getMetadata().getName())
                    .collect(Collectors.toCollection(TreeSet::new));
            String batch = "for i in $(seq 20); do wget -q -T 2 -O - http://" + net.service("hostnames").clusterIP()
                    + "/hostname; echo; done";
            t0 = System.nanoTime();
            long deadline = t0 + runtime.probeTimeout().toNanos();
            Set<String> answered = new TreeSet<>();
            while (!answered.containsAll(pods)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("within " + runtime.probeTimeout() + " only " + answered
                            + " of " + pods + " answered /hostname through the ClusterIP");
                }
                Arrays.stream(loadGenerator.exec("sh", "-c", batch).stdout().split("\n")).map(String::strip)
                        .filter(pods::contains).forEach(answered::add);
            }
            lap(timings, "all-replicas", t0);

            timings.computeIfAbsent("time-to-heal", k -> new ArrayList<>())
                    .add(myNginx.deleteOnePodAndAwaitHealing().timeToHeal().toMillis());
        }
    }

    private static DeploymentSpec deployment(String name, String image, int replicas, int port, Map<String, String> labels,
                                             List<String> args) {
        return new DeploymentSpec(name, image, replicas, List.of(port), labels, List.of(), args, Map.of(), ORIGIN);
    }

    private static ServiceSpec service(DeploymentSpec d, int port, int targetPort) {
        return new ServiceSpec(d.name(), d.name(), d.labels(), d.replicas(), port, targetPort, "TCP", "ClusterIP", ORIGIN);
    }

    private static ResourcePlan plan(List<DeploymentSpec> deployments, List<ServiceSpec> services) {
        return new ResourcePlan(List.of(), deployments, services, List.of());
    }

    private static void lap(Map<String, List<Long>> timings, String phase, long startNanos) {
        timings.computeIfAbsent(phase, k -> new ArrayList<>()).add((System.nanoTime() - startNanos) / 1_000_000);
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

    /** Runs the baseline script once for all runs and collects its {@code phase <name> <millis>} lines. */
    private static void baseline(Path script, int runs, Path kubeconfig, String context, String kubectl, String clientImage,
                                 Map<String, List<Long>> timings) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kubectl-baseline", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), String.valueOf(runs))
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("KUBECONFIG", kubeconfig.toString());
            pb.environment().put("KUBECTL", kubectl);
            pb.environment().put("BENCH_CLIENT_IMAGE", clientImage);
            if (context != null) {
                pb.environment().put("BENCH_KUBE_CONTEXT", context);
            }
            Process process = pb.start();
            Duration bound = BASELINE_BOUND_PER_RUN.multipliedBy(runs);
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy(); // the script deletes its namespace on TERM
                if (!process.waitFor(3, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                }
                throw new IllegalStateException("the kubectl baseline did not finish within " + bound);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the kubectl baseline failed with exit code " + process.exitValue()
                        + " (its stderr is above); its output:\n" + Files.readString(out));
            }
            for (String line : Files.readAllLines(out)) {
                String[] f = line.strip().split("\\s+");
                if (f.length == 3 && f[0].equals("phase")) {
                    timings.computeIfAbsent(f[1], k -> new ArrayList<>()).add(Long.parseLong(f[2]));
                }
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static String table(Map<String, List<Long>> ours, Map<String, List<Long>> kubectl) {
        StringBuilder s = new StringBuilder();
        String format = "| %-21s | %11s | %13s | %14s | %16s | %12s |%n";
        s.append(String.format(format, "phase", "ours median", "ours min-max", "kubectl median", "kubectl min-max", "ours/kubectl"));
        s.append(String.format(format, "-".repeat(21), "-".repeat(11), "-".repeat(13), "-".repeat(14), "-".repeat(16), "-".repeat(12)));
        for (String phase : PHASES) {
            List<Long> o = ours.getOrDefault(phase, List.of());
            List<Long> k = kubectl.getOrDefault(phase, List.of());
            String ratio = o.isEmpty() || k.isEmpty() || median(k) == 0 ? "n/a"
                    : String.format("%.2f", (double) median(o) / median(k));
            s.append(String.format(format, phase, ms(median(o), o), spread(o), ms(median(k), k), spread(k), ratio));
        }
        return s.append("(milliseconds; ratio below 1: the extension is faster than the kubectl steps)\n").toString();
    }

    /** The median (the mean of the middle two for an even count), 0 for none. */
    static long median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : Math.round((sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0);
    }

    private static String ms(long value, List<Long> values) {
        return values.isEmpty() ? "-" : value + " ms";
    }

    private static String spread(List<Long> values) {
        return values.isEmpty() ? "-" : values.stream().min(Long::compare).get() + "-" + values.stream().max(Long::compare).get();
    }
}
