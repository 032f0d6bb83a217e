package io.k8snettest.junit;

import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
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
    void failsTheClassWithTheReasonWhenAClusterIsRequired() {
        EngineExecutionResults results = runWithoutCluster(Map.of(K8sNetTest.REQUIRE_CLUSTER_KEY, "true"));

        results.containerEvents().assertStatistics(stats -> stats.skipped(0).failed(1));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(AnyTestCase.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("k8snet.require-cluster=true but no Kubernetes cluster is available: "
                                + UnavailableClusterProvider.REASON))));
    }
}
