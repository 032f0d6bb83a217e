package io.k8snettest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.k8s.NamespaceLabels;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The run's heartbeat: stamped on its namespaces while it runs, its thread stopped when the run ends. */
@ExtendWith(MockCluster.Extension.class)
class HeartbeatLifecycleTest {

    @EngineTestKitOnly
    @K8sNetTest
    static class HeartbeatTestCase {
        @Test
        void namespaceCarriesAFreshHeartbeat(KubernetesClient client, @TestNamespace String namespace) {
            String heartbeat = client.namespaces().withName(namespace).get().getMetadata().getAnnotations()
                    .get(NamespaceLabels.HEARTBEAT);
            assertThat(Instant.parse(heartbeat)).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
            assertThat(heartbeatThreads()).as("the renewal thread runs during the test").isPositive();
        }
    }

    @Test
    void theHeartbeatRunsDuringTheRunAndStopsWithIt(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(HeartbeatTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        Awaitility.await("heartbeat thread stopped").atMost(Duration.ofSeconds(5)).until(() -> heartbeatThreads() == 0);
        assertThat(cluster.created(Namespace.class)).singleElement()
                .satisfies(ns -> assertThat(ns.getMetadata().getAnnotations()).containsKey(NamespaceLabels.HEARTBEAT));
    }

    static long heartbeatThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("k8s-net-test-heartbeat")).count();
    }
}
