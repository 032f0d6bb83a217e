package io.k8snettest.examples.bench;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.ReachabilityMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * {@code matrix-3x3}, {@code matrix-9x18}, {@code matrix-20x20}: the time of one probing round of a
 * policy model's matrix, everything allowed (no policy), through the public API: a {@code @K8sNetTest}
 * class per size, run by the JUnit Platform Launcher, builds the model once (not timed) and takes
 * {@code bench.runs} verdicts; each sample is a verdict's time divided by its rounds (one round when
 * every cell answers at once). A pod's traffic to itself is not probed (as upstream).
 */
final class MatrixBenchmark {

    /** 3 pods (namespace x: a, b, c), port 80: 3 sources x 3 targets. */
    static final ModelSpec SPEC_3X3 = ModelSpec.standard().withNamespaces("x").withPorts(80);
    /** Upstream's model: 9 pods (x, y, z x a, b, c), ports 80 and 81: 9 sources x 18 targets. */
    static final ModelSpec SPEC_9X18 = ModelSpec.standard();
    /** 20 pods (namespaces x, y, z, w x pods a-e), port 80: 20 sources x 20 targets. */
    static final ModelSpec SPEC_20X20 = ModelSpec.standard().withNamespaces("x", "y", "z", "w")
            .withPods("a", "b", "c", "d", "e").withPorts(80);

    private MatrixBenchmark() {
    }

    /** The samples of {@code phase} ({@link Phases#MATRIX_3X3} etc.). */
    static List<Long> measure(Phases phase) {
        Class<?> runs = switch (phase) {
            case MATRIX_3X3 -> Matrix3x3.class;
            case MATRIX_9X18 -> Matrix9x18.class;
            case MATRIX_20X20 -> Matrix20x20.class;
            default -> throw new IllegalArgumentException(phase + " is not a matrix phase");
        };
        List<Long> samples = LauncherRun.run(runs).published().getOrDefault(phase.names().get(0), List.of());
        System.err.println("[benchmark] " + phase.names().get(0) + " (ours): " + samples.size() + " verdicts done");
        return samples;
    }

    /** The model, then {@code bench.runs} all-allowed verdicts, each published as {@code bench.<phase>} = ms per round, rounds, execs. */
    static void verdicts(NetTest net, TestReporter reporter, ModelSpec spec, String phase) {
        int runs = Phases.runs(System.getProperty(Phases.RUNS_KEY));
        long start = System.nanoTime();
        PolicyModel model = net.model(spec);
        System.err.println("[benchmark] " + phase + ": model of " + spec.namespaces().size() * spec.pods().size()
                + " pods ready in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        for (int i = 0; i < runs; i++) {
            ReachabilityMatrix.Result r = model.expect().assertMatches();
            int rounds = Math.max(1, r.rounds());
            reporter.publishEntry("bench." + phase, r.elapsed().toMillis() / rounds + " " + r.rounds() + " " + r.execCalls());
        }
    }

    @K8sNetTest
    static class Matrix3x3 {
        @Test
        void verdicts(NetTest net, TestReporter reporter) {
            MatrixBenchmark.verdicts(net, reporter, SPEC_3X3, "matrix-3x3");
        }
    }

    @K8sNetTest
    static class Matrix9x18 {
        @Test
        void verdicts(NetTest net, TestReporter reporter) {
            MatrixBenchmark.verdicts(net, reporter, SPEC_9X18, "matrix-9x18");
        }
    }

    @K8sNetTest
    static class Matrix20x20 {
        @Test
        void verdicts(NetTest net, TestReporter reporter) {
            MatrixBenchmark.verdicts(net, reporter, SPEC_20X20, "matrix-20x20");
        }
    }
}
