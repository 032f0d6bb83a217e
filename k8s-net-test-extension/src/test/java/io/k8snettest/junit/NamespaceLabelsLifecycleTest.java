package io.k8snettest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.k8s.NamespaceLabels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The test namespace carries the user's labels, declared or set mid-test; ours and the name label stay untouchable. */
@ExtendWith(MockCluster.Extension.class)
class NamespaceLabelsLifecycleTest {

    @EngineTestKitOnly
    @K8sNetTest(namespaceLabels = {"ns=x", "team=net"})
    @WithDeployment(name = "web", image = "nginx:1.27", port = 80)
    static class DeclaredLabelsTestCase {
        @Test
        void seesTheLabels(NetTest net, TestReporter reporter) {
            reporter.publishEntry("labels.at-test", String.valueOf(net.kubernetesClient().namespaces()
                    .withName(net.namespace()).get().getMetadata().getLabels()));
        }
    }

    @Test
    void declaredLabelsAreSetBeforeTheClassResourcesAndKeepOurs(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.KEEP_NAMESPACE_KEY, "always"),
                DeclaredLabelsTestCase.class);

        String ns = assertLabelled(cluster, results, DeclaredLabelsTestCase.class, Map.of("ns", "x", "team", "net"));
        assertThat(EngineRuns.entries(results, "labels.at-test")).singleElement().asString().contains("ns=x", "team=net");
        List<String> writes = cluster.writes().stream().map(MockCluster.Write::toString).toList();
        int labelled = writes.indexOf("PATCH /api/v1/namespaces/" + ns);
        int deployed = writes.indexOf("POST /apis/apps/v1/namespaces/" + ns + "/deployments");
        assertThat(labelled).as("namespace labelled in " + writes).isNotNegative().isLessThan(deployed);
    }

    @EngineTestKitOnly
    @K8sNetTest(namespaceLabels = {"ns=x", "team=net"})
    static class ChangedLabelsTestCase {
        @Test
        void relabels(NetTest net) {
            net.setNamespaceLabels(Map.of("ns", "y", "tier", "db"));
        }
    }

    @Test
    void setNamespaceLabelsReplacesTheUserLabelsOnly(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.KEEP_NAMESPACE_KEY, "always"),
                ChangedLabelsTestCase.class);

        String ns = assertLabelled(cluster, results, ChangedLabelsTestCase.class, Map.of("ns", "y", "tier", "db"));
        assertThat(cluster.namespace(ns).getMetadata().getLabels()).as("a declared label not given again is gone")
                .doesNotContainKey("team");
    }

    /** The run passed and the kept namespace carries {@code user} labels besides ours; returns its name. */
    private static String assertLabelled(MockCluster cluster, EngineExecutionResults results, Class<?> testCase,
                                         Map<String, String> user) {
        results.allEvents().assertStatistics(stats -> stats.failed(0));
        String ns = EngineRuns.entry(results, testCase, "k8snet.namespace");
        assertThat(cluster.namespace(ns).getMetadata().getLabels()).containsAllEntriesOf(user)
                .containsEntry(NamespaceLabels.MANAGED_BY, NamespaceLabels.MANAGED_BY_VALUE).containsKey(NamespaceLabels.RUN_ID);
        return ns;
    }

    @EngineTestKitOnly
    @K8sNetTest
    static class ReservedLabelTestCase {
        @Test
        void ownership(NetTest net, TestReporter reporter) {
            report(reporter, () -> net.setNamespaceLabels(Map.of(NamespaceLabels.MANAGED_BY, "me")));
        }

        @Test
        void nameLabel(NetTest net, TestReporter reporter) {
            report(reporter, () -> net.setNamespaceLabels(Map.of("kubernetes.io/metadata.name", "x")));
        }

        @Test
        void invalidValue(NetTest net, TestReporter reporter) {
            report(reporter, () -> net.setNamespaceLabels(Map.of("ns", "not valid!")));
        }

        private static void report(TestReporter reporter, Runnable call) {
            long start = System.nanoTime();
            assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> reporter.publishEntry("message", e.getMessage()));
            reporter.publishEntry("millis", String.valueOf(Duration.ofNanos(System.nanoTime() - start).toMillis()));
        }
    }

    @Test
    @DisplayName("bad input: NetTest.setNamespaceLabels with a reserved or invalid label fails at once, naming it and the fix")
    void reservedOrInvalidLabelsAreRefused(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(ReservedLabelTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(3));
        assertThat(EngineRuns.entries(results, "message")).hasSize(3).anySatisfy(m -> assertThat(m)
                .startsWith("NetTest.setNamespaceLabels({app.kubernetes.io/managed-by=me}) on namespace ")
                .contains("label 'app.kubernetes.io/managed-by' belongs to k8s-net-test", "use a label of your own, e.g. ns=x"))
                .anySatisfy(m -> assertThat(m).contains("label 'kubernetes.io/metadata.name' belongs to the API server"))
                .anySatisfy(m -> assertThat(m).contains("label ns=\"not valid!\" has an invalid value", "allowed: empty, or"));
        assertThat(EngineRuns.entries(results, "millis")).allSatisfy(ms -> assertThat(Long.parseLong(ms)).isLessThan(2000));
    }
}
