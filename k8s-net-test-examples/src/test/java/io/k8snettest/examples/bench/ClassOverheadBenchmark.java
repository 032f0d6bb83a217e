package io.k8snettest.examples.bench;

import io.k8snettest.api.K8sNetTest;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code per-class-overhead}: what one more {@code @K8sNetTest} class costs on a warm cluster. Each run
 * is one launcher execution of {@link WarmUp} (connects to the cluster: not per class) and then
 * {@link Empty}; measured from {@code Empty} started until the launcher returned, so its namespace
 * is up and gone (also when the extension defers the deletion to the end of the run).
 */
final class ClassOverheadBenchmark {

    private ClassOverheadBenchmark() {
    }

    static List<Long> measure(int runs) {
        List<Long> samples = new java.util.ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            samples.add(LauncherRun.run(WarmUp.class, Empty.class).millis("start:Empty", "launcher-returned"));
            System.err.println("[benchmark] per-class overhead (ours): run " + i + "/" + runs + " done");
        }
        return samples;
    }

    /** Runs first in a launcher execution: the cluster connection and the run's one-time checks happen here. */
    @K8sNetTest
    @Order(1)
    static class WarmUp {

        @Test
        void connects() {
            // nothing: the class exists for the extension's lifecycle only
        }
    }

    /** The measured empty class: one empty test, so JUnit runs the class at all. */
    @K8sNetTest
    @Order(2)
    static class Empty {

        @Test
        void nothing() {
            // nothing: the namespace's lifecycle is what is measured
        }
    }
}
