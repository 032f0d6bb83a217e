package io.k8snettest.junit;

import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.k8snettest.api.K8sNetTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Without a cluster a test class is skipped with the reason, or fails when a cluster is required. */
class ClusterAvailabilityLifecycleTest {

    @EngineTestKitOnly
    @K8sNetTest
    static class AnyTestCase {
        @Test
        void test() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    static class OtherTestCase {
        @Test
        void test() {
        }
    }

    private static EngineExecutionResults runWithoutCluster(Map<String, String> parameters) {
        Map<String, String> all = new java.util.HashMap<>(parameters);
        all.put(K8sNetTest.CLUSTER_KEY, UnavailableClusterProvider.class.getName());
        return EngineRuns.run(all, AnyTestCase.class);
    }

    @Test
    void skipsTheClassWithTheReason() {
        EngineExecutionResults results = runWithoutCluster(Map.of());

        results.containerEvents().assertStatistics(stats -> stats.skipped(1).failed(0));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(AnyTestCase.class),
                skippedWithReason("k8s-net-test: no Kubernetes cluster: " + UnavailableClusterProvider.REASON
                        + ". Set k8snet.require-cluster=true to make this a failure.")));
    }

    @Test
    void saysOncePerRunOnTheConsoleWhyClassesAreSkippedAndHowToRunThem() {
        java.util.concurrent.atomic.AtomicReference<EngineExecutionResults> results = new java.util.concurrent.atomic.AtomicReference<>();
        String console = io.k8snettest.k8s.StandardErrorCapture.during(() -> {
            for (int run = 0; run < 2; run++) { // a second run in the same JVM (a nested engine run) does not repeat it
                results.set(EngineRuns.run(Map.of(K8sNetTest.CLUSTER_KEY, OnceToldClusterProvider.class.getName()),
                        AnyTestCase.class, OtherTestCase.class));
            }
        });

        results.get().containerEvents().assertStatistics(stats -> stats.skipped(2).failed(0));
        org.assertj.core.api.Assertions.assertThat(console.lines().filter(l -> l.contains("k8s-net-test: no Kubernetes cluster")))
                .containsExactly("[main] WARN io.k8snettest.junit.K8sNetTestExtension - k8s-net-test: no Kubernetes cluster,"
                        + " so every @K8sNetTest class of this run is skipped: " + OnceToldClusterProvider.REASON + ". To run"
                        + " them, start Docker (for the default k3s cluster) or use an existing cluster with K8SNET_CLUSTER=kubeconfig"
                        + " and K8SNET_KUBECONFIG=<file> (README: \"Using an existing cluster\"); set k8snet.require-cluster=true"
                        + " (K8SNET_REQUIRE_CLUSTER=true) to make a missing cluster a failure.");
    }

    @Test
    void failsTheClassWithTheReasonWhenAClusterIsRequired() {
        EngineExecutionResults results = runWithoutCluster(Map.of(K8sNetTest.REQUIRE_CLUSTER_KEY, "true"));

        results.containerEvents().assertStatistics(stats -> stats.skipped(0).failed(1));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(AnyTestCase.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("k8snet.require-cluster=true but no Kubernetes cluster is available: "
                                + UnavailableClusterProvider.REASON))));
    }

    @Test
    @org.junit.jupiter.api.DisplayName("bad input: an invalid setting fails the class even without a cluster (never skipped)")
    void anInvalidSettingFailsEvenWithoutACluster() {
        long start = System.nanoTime();
        EngineExecutionResults results = runWithoutCluster(Map.of(K8sNetTest.KEEP_NAMESPACE_KEY, "sometimes"));

        results.containerEvents().assertStatistics(stats -> stats.skipped(0).failed(1));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(AnyTestCase.class),
                finishedWithFailure(cause(instanceOf(ExtensionConfigurationException.class)),
                        message(m -> m.endsWith("configuration parameter 'k8snet.namespace.keep' is 'sometimes'; allowed:"
                                + " never, on-failure, always")))));
        org.assertj.core.api.Assertions.assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(java.time.Duration.ofSeconds(5));
    }

    @Test
    @org.junit.jupiter.api.DisplayName("bad input: an unknown k8snet.* system property fails the class even without a cluster")
    void anUnknownSystemPropertyFailsEvenWithoutACluster() {
        System.setProperty("k8snet.timeout.readyness", "5m");
        try {
            EngineExecutionResults results = runWithoutCluster(Map.of());

            results.containerEvents().assertStatistics(stats -> stats.skipped(0).failed(1));
            results.containerEvents().assertThatEvents().haveExactly(1, event(container(AnyTestCase.class),
                    finishedWithFailure(cause(instanceOf(ExtensionConfigurationException.class)),
                            message(m -> m.contains("k8s-net-test: unknown setting 'k8snet.timeout.readyness' (system"
                                    + " property); did you mean 'k8snet.timeout.ready'?")))));
        } finally {
            System.clearProperty("k8snet.timeout.readyness");
        }
    }

    @Test
    @org.junit.jupiter.api.DisplayName("bad input: a probe image that is no image reference fails the class even without a cluster")
    void aBadProbeImageFailsEvenWithoutACluster() {
        long start = System.nanoTime();
        EngineExecutionResults results = runWithoutCluster(Map.of(K8sNetTest.PROBE_IMAGE_KEY, "busybox 1.35"));

        results.containerEvents().assertStatistics(stats -> stats.skipped(0).failed(1));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(AnyTestCase.class),
                finishedWithFailure(message(m -> m.contains("k8snet.probe.image")
                        && m.contains("\"busybox 1.35\"") && m.contains("contains whitespace")))));
        org.assertj.core.api.Assertions.assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(java.time.Duration.ofSeconds(5));
    }

    /** Unavailable with a reason of its own, which no other test of this JVM makes the extension tell. */
    public static final class OnceToldClusterProvider implements io.k8snettest.cluster.ClusterProvider {
        static final String REASON = "no cluster for the once-per-run notice";

        @Override
        public String name() {
            return "once-told";
        }

        @Override
        public java.util.Optional<String> unavailableReason(io.k8snettest.config.Settings settings) {
            return java.util.Optional.of(REASON);
        }

        @Override
        public io.k8snettest.cluster.ClusterHandle start(io.k8snettest.config.Settings settings) {
            throw new AssertionError("never started: it has no cluster");
        }
    }
}
