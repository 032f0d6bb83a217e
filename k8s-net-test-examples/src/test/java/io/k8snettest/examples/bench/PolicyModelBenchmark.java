package io.k8snettest.examples.bench;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.ReachabilityMatrix;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The policy model's verdicts through the public API only (a {@code @K8sNetTest} class run by the
 * JUnit Platform Launcher), {@code bench.runs} times each; measured on the extension's side only
 * (the kubectl side of a model matrix is {@link MatrixBenchmark}'s):
 *
 * <ul>
 *   <li>{@code model-ready}: {@code net.model(ModelSpec.standard())} until its 9 pods are Ready (once);</li>
 *   <li>{@code matrix-all-allowed}: one verdict of all 162 cells (144 probed) without a policy;</li>
 *   <li>{@code matrix-deny-ingress-x}: one verdict with namespace x denying all ingress (3 s window);</li>
 *   <li>{@code matrix-first-after-policy}: the first verdict after applying that policy (includes the data plane's convergence).</li>
 * </ul>
 * Each verdict's report entry also carries its rounds and exec calls (printed while it runs).
 */
final class PolicyModelBenchmark {

    static final Duration WINDOW = Duration.ofSeconds(3);

    private PolicyModelBenchmark() {
    }

    static Map<String, List<Long>> measure() {
        return LauncherRun.run(MatrixRuns.class).published();
    }

    /** The measured runs: one model for the class, then {@code bench.runs} verdicts per phase. */
    @K8sNetTest
    static class MatrixRuns {

        @Test
        void phases(NetTest net, TestReporter reporter) {
            int runs = Phases.runs(System.getProperty(Phases.RUNS_KEY));
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
