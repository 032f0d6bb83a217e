package io.k8snettest.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.K8sNetTest;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The launcher plumbing of the benchmark, with plain JUnit classes (no cluster): the marks the seed
 * scenario's spans are computed from, class order, published timings, and failures that stop the run.
 * The nested {@code *Fixture} classes run only through {@link LauncherRun} (Surefire skips nested classes).
 */
class LauncherRunTest {

    @Test
    void marksEachClassNestedClassAndMethodInOrderAndCollectsBenchEntries() {
        Timeline t = LauncherRun.run(SecondFixture.class, FirstFixture.class);

        // @Order, not the selectors' order; a @Nested class by its simple name; methods by name
        assertThat(t.marks()).containsExactly("start:FirstFixture", "start:first", "end:first", "end:FirstFixture",
                "start:SecondFixture", "start:Inner", "start:innerTest", "end:innerTest", "end:Inner", "end:SecondFixture",
                "launcher-returned");
        assertThat(t.millis("start:innerTest", "end:innerTest")).isGreaterThanOrEqualTo(20); // the test waited 20 ms
        assertThat(t.millis("start:SecondFixture", "launcher-returned")).isGreaterThanOrEqualTo(20);
        assertThat(t.published()).containsOnlyKeys("single-probe");
        assertThat(t.published().get("single-probe")).containsExactly(42L);
    }

    @Test
    @DisplayName("bad input: a failing benchmark class stops the benchmark with its exception")
    void failure() {
        assertThatThrownBy(() -> LauncherRun.run(FailingFixture.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the benchmark run failed").hasMessageContaining("FAILED")
                .hasMessageContaining("no answer from the ClusterIP");
    }

    @Test
    @DisplayName("bad input: a skipped benchmark test stops the benchmark (a phase would silently be missing)")
    void skipped() {
        assertThatThrownBy(() -> LauncherRun.run(SkippedFixture.class)).hasMessageContaining("skipped: not today");
    }

    @Test
    @DisplayName("bad input: without a cluster a @K8sNetTest benchmark class fails fast naming the setting, never skips")
    void noCluster() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> LauncherRun.run(Map.of(K8sNetTest.CLUSTER_KEY, "kubeconfig",
                K8sNetTest.KUBECONFIG_KEY, "/nonexistent/k8snet-bench/kubeconfig"), ClassOverheadBenchmark.Empty.class))
                .hasMessageContaining(K8sNetTest.REQUIRE_CLUSTER_KEY + "=true but no Kubernetes cluster is available")
                .hasMessageContaining("/nonexistent/k8snet-bench/kubeconfig");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Order(1)
    static class FirstFixture {
        @Test
        void first() {
            // marks only
        }
    }

    @Order(2)
    static class SecondFixture {

        @Nested
        class Inner {
            @Test
            void innerTest(TestReporter reporter) throws InterruptedException {
                Thread.sleep(20); // a fixed, known duration to measure, not a wait for a condition
                reporter.publishEntry("bench.single-probe", "42");
                reporter.publishEntry("k8snet.namespace", "ignored");
            }
        }
    }

    static class FailingFixture {
        @Test
        void fails() {
            throw new AssertionError("no answer from the ClusterIP");
        }
    }

    static class SkippedFixture {
        @Test
        @Disabled("not today")
        void skipped() {
            // never runs
        }
    }
}
