package io.k8snettest.examples.bench;

import io.k8snettest.api.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: the benchmark of issue 13. Measures the selected phases ({@value Phases#PHASES_KEY}, default
 * all) {@value Phases#RUNS_KEY} times (default 5) through the extension's public API (classes run by the
 * JUnit Platform Launcher) and with the kubectl scripts of {@code .ci/benchmark} on the same cluster,
 * prints a table and writes {@code target/benchmark/results.json} ({@code bench.results}). Run it with
 * the {@code benchmark} profile (see README, "Benchmark").
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        int runs = Phases.runs(System.getProperty(Phases.RUNS_KEY));
        Map<Phases, List<String>> selected = Phases.select(System.getProperty(Phases.PHASES_KEY));
        Path results = Path.of(System.getProperty("bench.results", "target/benchmark/results.json"));
        KubectlBaseline kubectl = KubectlBaseline.forConfiguredCluster(
                Path.of(System.getProperty("bench.baseline-dir", ".ci/benchmark")).normalize());
        System.err.println("[benchmark] " + runs + " run(s) of " + selected.values() + " on " + kubectl.cluster());

        Map<String, List<Long>> ours = new LinkedHashMap<>();
        Map<String, List<Long>> theirs = new LinkedHashMap<>();
        for (Phases group : selected.keySet()) {
            String name = group.names().get(0);
            switch (group) {
                case SEED -> {
                    ours.putAll(SeedScenarioBenchmark.measure(runs));
                    theirs.putAll(kubectl.run("kubectl-baseline.sh", runs, String.valueOf(runs)));
                }
                case PER_CLASS -> {
                    ours.put(name, ClassOverheadBenchmark.measure(runs));
                    theirs.putAll(kubectl.run("kubectl-per-class.sh", runs, String.valueOf(runs)));
                }
                case MATRIX_3X3, MATRIX_9X18, MATRIX_20X20 -> {
                    ours.put(name, MatrixBenchmark.measure(group));
                    theirs.putAll(kubectl.run("kubectl-matrix.sh", runs, matrixArgs(name, runs, spec(group))));
                }
                case ROUTING -> ours.putAll(ClusterIpRoutingBenchmark.measure());
                case POLICY -> ours.putAll(PolicyModelBenchmark.measure());
            }
        }

        List<PhaseStats> stats = new ArrayList<>();
        selected.values().forEach(names -> names.forEach(n ->
                stats.add(new PhaseStats(n, ours.getOrDefault(n, List.of()), theirs.getOrDefault(n, List.of())))));
        System.out.println("cluster: " + kubectl.cluster());
        System.out.println("runs: " + runs + " (ours: the extension through the JUnit Platform Launcher; kubectl: "
                + kubectl.kubectl() + " via " + kubectl.scripts() + ")");
        System.out.print(PhaseTable.render(stats));
        ResultsJson.write(results, kubectl.cluster(), runs, stats);
        System.out.println("results: " + results.toAbsolutePath());
        System.out.printf(java.util.Locale.ROOT, "total wall time: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static ModelSpec spec(Phases group) {
        return switch (group) {
            case MATRIX_3X3 -> MatrixBenchmark.SPEC_3X3;
            case MATRIX_9X18 -> MatrixBenchmark.SPEC_9X18;
            default -> MatrixBenchmark.SPEC_20X20;
        };
    }

    /** {@code kubectl-matrix.sh <phase> <runs> <namespaces> <pods> <ports>}, comma-separated lists, for {@code spec}. */
    static String[] matrixArgs(String phase, int runs, ModelSpec spec) {
        return new String[] {phase, String.valueOf(runs), String.join(",", spec.namespaces()), String.join(",", spec.pods()),
                String.join(",", spec.ports().stream().map(String::valueOf).toList())};
    }
}
