package io.k8snettest.examples.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.ReachabilityMatrix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Not a test: times the policy model's matrix phases through the public API only (a
 * {@code @K8sNetTest} class run by the JUnit engine), {@code bench.runs} times each, and prints
 * per phase the median and range of the time, rounds and exec calls. Run with the {@code benchmark}
 * profile (see README).
 *
 * <ul>
 *   <li>{@code model-ready}: {@code net.model(ModelSpec.standard())} until its 9 pods are Ready (once);</li>
 *   <li>{@code matrix-all-allowed}: one verdict of all 162 cells (144 probed) without a policy;</li>
 *   <li>{@code matrix-deny-ingress-x}: one verdict with namespace x denying all ingress (3 s window);</li>
 *   <li>{@code matrix-first-after-policy}: the first verdict after applying that policy (includes the data plane's convergence).</li>
 * </ul>
 */
public final class PolicyModelBenchmark {

    static final List<String> PHASES = List.of("model-ready", "matrix-all-allowed", "matrix-first-after-policy",
            "matrix-deny-ingress-x");
    static final Duration WINDOW = Duration.ofSeconds(3);

    private PolicyModelBenchmark() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(MatrixRuns.class)).execute();
        results.testEvents().failed().stream().forEach(e -> {
            throw new IllegalStateException("the benchmark run failed: " + e.getPayload().orElse(e));
        });
        Map<String, List<long[]>> samples = new LinkedHashMap<>();
        PHASES.forEach(p -> samples.put(p, new ArrayList<>()));
        for (Event event : results.allEvents().reportingEntryPublished().list()) {
            event.getPayload(ReportEntry.class).ifPresent(entry -> entry.getKeyValuePairs().forEach((key, value) -> {
                if (key.startsWith("bench.") && samples.containsKey(key.substring(6))) {
                    String[] v = value.split(" ");
                    samples.get(key.substring(6)).add(new long[] {Long.parseLong(v[0]), Long.parseLong(v[1]), Long.parseLong(v[2])});
                }
            }));
        }
        System.out.println("policy model benchmark: ModelSpec.standard() (9 pods, 162 cells, 144 probed), window "
                + WINDOW.toMillis() + " ms, runs " + Integer.getInteger("bench.runs", 5));
        System.out.printf("%-26s %4s %10s %15s %7s %11s%n", "phase", "n", "median ms", "min-max ms", "rounds", "exec calls");
        samples.forEach((phase, list) -> System.out.printf("%-26s %4d %10d %15s %7s %11s%n", phase, list.size(),
                median(list, 0), range(list, 0), median(list, 1), median(list, 2)));
        System.out.println("total wall time " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
    }

    private static long median(List<long[]> list, int field) {
        return list.isEmpty() ? -1 : list.stream().mapToLong(a -> a[field]).sorted().toArray()[list.size() / 2];
    }

    private static String range(List<long[]> list, int field) {
        return list.isEmpty() ? "-" : list.stream().mapToLong(a -> a[field]).min().orElseThrow() + "-"
                + list.stream().mapToLong(a -> a[field]).max().orElseThrow();
    }

    /** The measured runs: one model for the class, then {@code bench.runs} verdicts per phase. */
    @K8sNetTest
    static class MatrixRuns {

        @Test
        void phases(NetTest net, TestReporter reporter) {
            int runs = Integer.getInteger("bench.runs", 5);
            long start = System.nanoTime();
            PolicyModel model = net.model(ModelSpec.standard());
            reporter.publishEntry("bench.model-ready", (System.nanoTime() - start) / 1_000_000 + " 0 0");
            for (int i = 0; i < runs; i++) {
                publish(reporter, "matrix-all-allowed", model.expect().stabilityWindow(WINDOW).assertMatches());
            }
            for (int i = 0; i < runs; i++) {
                net.applyManifest("netpol/deny-ingress.yaml");
                publish(reporter, "matrix-first-after-policy", model.expect().deny("*", "x").stabilityWindow(WINDOW).assertMatches());
                publish(reporter, "matrix-deny-ingress-x", model.expect().deny("*", "x").stabilityWindow(WINDOW).assertMatches());
                net.deleteManifest("netpol/deny-ingress.yaml");
            }
        }

        private static void publish(TestReporter reporter, String phase, ReachabilityMatrix.Result r) {
            reporter.publishEntry("bench." + phase, r.elapsed().toMillis() + " " + r.rounds() + " " + r.execCalls());
        }
    }
}
