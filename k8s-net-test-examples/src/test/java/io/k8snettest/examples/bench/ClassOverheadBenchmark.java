package io.k8snettest.examples.bench;

import io.k8snettest.api.K8sNetTest;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code per-class-overhead}: what one more {@code @K8sNetTest} class costs a run on a warm cluster.
 * Each run is one launcher execution of {@link WarmUp} (connects to the cluster: not per class) and
 * then {@value #CLASSES} empty classes one after the other; the sample is the time from the first
 * empty class's start until the launcher returned, divided by {@value #CLASSES}. Every namespace is
 * up and gone within that time: with the default {@code k8snet.namespace.delete=background} the
 * deletions overlap the next classes and the run's end waits for the last ones, which the division
 * shares out, as a build's run of many classes does.
 */
final class ClassOverheadBenchmark {

    /** Empty classes per launcher execution. */
    static final int CLASSES = 5;

    private ClassOverheadBenchmark() {
    }

    static List<Long> measure(int runs) {
        List<Long> samples = new java.util.ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Timeline t = LauncherRun.run(WarmUp.class, Empty.class, Empty2.class, Empty3.class, Empty4.class, Empty5.class);
            samples.add(t.millis("start:Empty", "launcher-returned") / CLASSES);
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

    /** The first measured empty class: one empty test, so JUnit runs the class at all. */
    @K8sNetTest
    @Order(2)
    static class Empty {

        @Test
        void nothing() {
            // nothing: the namespace's lifecycle is what is measured
        }
    }

    @K8sNetTest
    @Order(3)
    static class Empty2 extends Empty {
    }

    @K8sNetTest
    @Order(4)
    static class Empty3 extends Empty {
    }

    @K8sNetTest
    @Order(5)
    static class Empty4 extends Empty {
    }

    @K8sNetTest
    @Order(6)
    static class Empty5 extends Empty {
    }
}
