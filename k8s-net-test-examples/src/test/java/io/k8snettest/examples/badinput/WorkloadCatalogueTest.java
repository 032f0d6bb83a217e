package io.k8snettest.examples.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.api.WithManifest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Bad-input catalogue, workloads that cannot become Ready, on the real cluster. Where the cluster
 * already knows why (image, crash, scheduling), the ready timeout is set to 3m and the case must fail
 * well before it: fail-fast with the cluster's reason, not a timeout.
 */
@Execution(ExecutionMode.CONCURRENT)
class WorkloadCatalogueTest {

    private static final Map<String, String> LONG_READY_TIMEOUT = Map.of(K8sNetTest.READY_TIMEOUT_KEY, "3m");

    @CatalogueCase
    @K8sNetTest
    @WithDeployment(name = "ghost", image = "k8snet-missing/ghost:0.0.1", port = 80)
    static class MissingImageTestCase {
        @Test
        void test() {
        }
    }

    /** Its readiness probe keeps it from counting as Ready in the moment between start and exit. */
    @CatalogueCase
    @K8sNetTest
    @WithManifest("crash-loop.yaml")
    static class CrashLoopTestCase {
        @Test
        void test() {
        }
    }

    /**
     * No readiness probe: Ready the moment it starts, gone a moment later. Once passed silently when a
     * status poll caught that moment; Ready must now hold for a while without a restart.
     */
    @CatalogueCase
    @K8sNetTest
    @WithDeployment(name = "quitter", image = "busybox:1.35.0", command = {"sh", "-c", "exit 3"})
    static class CrashLoopWithoutProbeTestCase {
        @Test
        void test() {
        }
    }

    @CatalogueCase
    @K8sNetTest
    @WithManifest("never-ready.yaml")
    static class NeverReadyTestCase {
        @Test
        void test() {
        }
    }

    @CatalogueCase
    @K8sNetTest
    @WithManifest("too-big.yaml")
    static class UnschedulableTestCase {
        @Test
        void test() {
        }
    }

    @Test
    @DisplayName("bad input: missing image -> ErrImagePull at once, naming @WithDeployment ghost and the image fix")
    void missingImage(TestReporter reporter) {
        String message = Catalogue.run(reporter, MissingImageTestCase.class, LONG_READY_TIMEOUT).assertFailedWithin(Duration.ofSeconds(90));

        assertThat(message).contains("@WithDeployment(name=\"ghost\")",
                        "container ghost (image k8snet-missing/ghost:0.0.1) cannot become Ready")
                .containsAnyOf("ErrImagePull", "ImagePullBackOff")
                .contains("check the image name/tag", "load it with @LoadImage or k8snet.images");
    }

    @Test
    @DisplayName("bad input: a container that exits -> crash loop detected, naming @WithManifest, container crasher, its exit code and what to check")
    void crashLoop(TestReporter reporter) {
        String message = Catalogue.run(reporter, CrashLoopTestCase.class, LONG_READY_TIMEOUT).assertFailedWithin(Duration.ofSeconds(120));

        assertThat(message).contains("@WithManifest(\"crash-loop.yaml\")", "container crasher cannot become Ready")
                .containsPattern("(last exit code|exited with code) 3")
                .contains("check its command/args/env and its logs");
    }

    @Test
    @DisplayName("bad input: @WithDeployment whose container exits at once (no readiness probe) -> crash loop, never a pass")
    void crashLoopWithoutReadinessProbe(TestReporter reporter) {
        String message = Catalogue.run(reporter, CrashLoopWithoutProbeTestCase.class, LONG_READY_TIMEOUT)
                .assertFailedWithin(Duration.ofSeconds(120));

        assertThat(message).contains("@WithDeployment(name=\"quitter\")", "container quitter cannot become Ready")
                .containsPattern("(last exit code|exited with code) 3")
                .contains("check its command/args/env and its logs");
    }

    @Test
    @DisplayName("bad input: a readiness probe that never passes -> fails at the ready timeout, naming @WithManifest, deployment sloth and the failing probe")
    void neverReady(TestReporter reporter) {
        String message = Catalogue.run(reporter, NeverReadyTestCase.class, Map.of(K8sNetTest.READY_TIMEOUT_KEY, "20s"))
                .assertFailedWithin(Duration.ofSeconds(90));

        assertThat(message).contains("@WithManifest(\"never-ready.yaml\")", "deployment sloth", "within 20s")
                .contains("Readiness probe failed", "404", "their readiness probe fails", "fix the probe");
    }

    @Test
    @DisplayName("bad input: more replicas than the node can hold -> Unschedulable at once, naming @WithManifest, deployment giant and the requests to check")
    void moreThanTheNodeCanHold(TestReporter reporter) {
        String message = Catalogue.run(reporter, UnschedulableTestCase.class, LONG_READY_TIMEOUT).assertFailedWithin(Duration.ofSeconds(90));

        assertThat(message).contains("@WithManifest(\"too-big.yaml\")", "cannot become Ready: Unschedulable", "Insufficient cpu")
                .contains("check resource requests");
    }
}
