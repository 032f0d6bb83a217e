package io.k8snettest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.TestNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A test gets the {@link NetTest} handle, the cluster's client and its namespace injected. */
@ExtendWith(MockCluster.Extension.class)
class ParameterInjectionLifecycleTest {

    @EngineTestKitOnly
    @K8sNetTest
    static class InjectionTestCase {
        @BeforeEach
        void beforeEach(@TestNamespace String namespace, TestReporter reporter) {
            reporter.publishEntry("beforeEach.namespace", namespace);
        }

        @Test
        void test(NetTest net, KubernetesClient client, @TestNamespace String namespace, TestReporter reporter) {
            reporter.publishEntry("namespace", namespace);
            reporter.publishEntry("net.namespace", net.namespace());
            reporter.publishEntry("client.is.net.client", String.valueOf(client == net.kubernetesClient()));
            reporter.publishEntry("client.master", client.getMasterUrl().toString());
            reporter.publishEntry("client.finds.namespace", String.valueOf(client.namespaces().withName(namespace).get() != null));
        }
    }

    @Test
    void injectsTheHandleTheClientAndTheNamespace(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(InjectionTestCase.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        String ns = EngineRuns.entry(results, InjectionTestCase.class, "k8snet.namespace");
        assertThat(EngineRuns.entries(results, "beforeEach.namespace")).containsExactly(ns);
        assertThat(EngineRuns.entries(results, "namespace")).containsExactly(ns);
        assertThat(EngineRuns.entries(results, "net.namespace")).containsExactly(ns);
        assertThat(EngineRuns.entries(results, "client.is.net.client")).containsExactly("true");
        assertThat(EngineRuns.entries(results, "client.master")).containsExactly(cluster.client.getMasterUrl().toString());
        assertThat(EngineRuns.entries(results, "client.finds.namespace")).containsExactly("true");
    }
}
