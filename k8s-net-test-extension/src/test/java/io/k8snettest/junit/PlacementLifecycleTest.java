package io.k8snettest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.k8s.FakeScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Node placement through the whole extension (EngineTestKit on the mock cluster): the deployment objects
 * carry the scheduling fields, and a placement a one-node cluster cannot satisfy fails the class or test
 * at once, naming the annotation, the element, the reason and the fix; nothing passes on same-node traffic.
 */
@ExtendWith(MockCluster.Extension.class)
class PlacementLifecycleTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @EngineTestKitOnly
    @K8sNetTest
    @WithDeployment(name = "web", image = "nginx:1.27", replicas = 2, port = 80, spreadAcrossNodes = true)
    static class SpreadOnOneNodeTestCase {
        @Test
        void test() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @WithDeployment(name = "web", image = "nginx:1.27", replicas = 2, port = 80, node = "node-b")
    @WithDeployment(name = "api", image = "nginx:1.27", replicas = 2, port = 80, spreadAcrossNodes = true)
    static class PlacedDeploymentsTestCase {
        @Test
        void test() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @WithDeployment(name = "web", image = "nginx:1.27", port = 80)
    @ExposeService(deployment = "web")
    static class CrossNodeCheckOnOneNodeTestCase {
        @Test
        @ReachableFrom(client = "far", service = "web", clientOtherNodeThan = "app=web")
        void test() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @WithDeployment(name = "web", image = "nginx:1.27", port = 80)
    @ExposeService(deployment = "web")
    static class EveryNodeCheckOnOneNodeTestCase {
        @Test
        @ReachableFrom(service = "web", fromEveryNode = true)
        void test() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @WithDeployment(name = "web", image = "nginx:1.27", replicas = 2, port = 80, node = "node-a", spreadAcrossNodes = true)
    static class PinAndSpreadTestCase {
        @Test
        void test() {
        }
    }

    private static List<Throwable> failures(List<Event> events) {
        return events.stream().map(e -> e.getPayload(TestExecutionResult.class).orElseThrow())
                .filter(r -> r.getStatus() == TestExecutionResult.Status.FAILED).map(r -> r.getThrowable().orElseThrow()).toList();
    }

    private static EngineExecutionResults timed(MockCluster cluster, Class<?> testCase) {
        long start = System.nanoTime();
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.KEEP_NAMESPACE_KEY, "always"), testCase);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to the verdict").isLessThan(BOUND);
        return results;
    }

    /** The namespace (kept) holds the deployment's pods, but no probe client pod was ever created. */
    private static void assertNoProbePod(MockCluster cluster) {
        assertThat(cluster.namespaces()).singleElement().satisfies(ns -> {
            List<Pod> pods = cluster.client.pods().inNamespace(ns).list().getItems();
            assertThat(pods).as("the deployment's pod").isNotEmpty();
            assertThat(pods).noneMatch(p -> p.getMetadata().getLabels().containsKey(io.k8snettest.probe.ProbePods.CLIENT_LABEL));
        });
    }

    @Test
    @DisplayName("bad input: @WithDeployment(spreadAcrossNodes = true) on a one-node cluster fails the class, creating no deployment")
    void spreadOnOneNode(MockCluster cluster) {
        cluster.client.nodes().resource(FakeScheduler.node("only")).create();

        EngineExecutionResults results = timed(cluster, SpreadOnOneNodeTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(0));
        assertThat(failures(results.containerEvents().finished().list())).singleElement().satisfies(failure -> assertThat(
                failure).hasMessageContaining("@WithDeployment(name=\"web\") on PlacementLifecycleTest.SpreadOnOneNodeTestCase:"
                        + " spreadAcrossNodes=true needs at least two schedulable nodes, the cluster has 1 (nodes: [only"
                        + " (schedulable)]), so every replica would run on one node; run it on a cluster with at least two"
                        + " schedulable nodes").hasMessageContaining("or remove spreadAcrossNodes"));
        assertThat(cluster.created(Deployment.class)).isEmpty();
    }

    @Test
    void pinnedAndSpreadDeploymentsCarryTheirSchedulingFields(MockCluster cluster) {
        cluster.client.nodes().resource(FakeScheduler.node("node-a")).create();
        cluster.client.nodes().resource(FakeScheduler.node("node-b")).create();

        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.KEEP_NAMESPACE_KEY, "always"), PlacedDeploymentsTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        Deployment web = cluster.created(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("web")).findFirst()
                .orElseThrow();
        var field = web.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchFields().get(0);
        assertThat(field.getKey()).isEqualTo("metadata.name");
        assertThat(field.getOperator()).isEqualTo("In");
        assertThat(field.getValues()).containsExactly("node-b");
        Deployment api = cluster.created(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("api")).findFirst()
                .orElseThrow();
        assertThat(api.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).singleElement().satisfies(c -> {
            assertThat(c.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(c.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
        });
        String ns = web.getMetadata().getNamespace();
        assertThat(cluster.client.pods().inNamespace(ns).withLabel("app", "web").list().getItems())
                .extracting(p -> p.getSpec().getNodeName()).as("where the pinned replicas run").containsOnly("node-b").hasSize(2);
    }

    @Test
    @DisplayName("bad input: @ReachableFrom(clientOtherNodeThan) on a one-node cluster fails the test, creating no client pod")
    void crossNodeCheckOnOneNode(MockCluster cluster) {
        cluster.client.nodes().resource(FakeScheduler.node("only")).create();

        EngineExecutionResults results = timed(cluster, CrossNodeCheckOnOneNodeTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(failures(results.testEvents().finished().list())).singleElement().satisfies(failure -> assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("@ReachableFrom(client=\"far\", service=\"web\") on"
                        + " PlacementLifecycleTest.CrossNodeCheckOnOneNodeTestCase.test(): probe client 'far' placed"
                        + " otherNodeThan(\"app=web\") (clientOtherNodeThan / ClientSpec.Builder.otherNodeThan): app=web runs"
                        + " on [only] and the cluster has no other schedulable node")
                .hasMessageContaining("so the probe would be same-node traffic, which must never pass as cross-node"));
        assertNoProbePod(cluster);
    }

    @Test
    @DisplayName("bad input: @ReachableFrom(fromEveryNode = true) on a one-node cluster fails the test, creating no client pod")
    void everyNodeCheckOnOneNode(MockCluster cluster) {
        cluster.client.nodes().resource(FakeScheduler.node("only")).create();

        EngineExecutionResults results = timed(cluster, EveryNodeCheckOnOneNodeTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(failures(results.testEvents().finished().list())).singleElement().satisfies(failure -> assertThat(failure)
                .hasMessageStartingWith("@ReachableFrom(service=\"web\") on PlacementLifecycleTest.EveryNodeCheckOnOneNodeTestCase"
                        + ".test(): fromEveryNode=true: one client per schedulable node needs at least two of them to probe"
                        + " across nodes, the cluster has 1 (nodes: [only (schedulable)])"));
        assertNoProbePod(cluster);
    }

    @Test
    @DisplayName("bad input: @WithDeployment(node, spreadAcrossNodes) fails the class before the cluster")
    void pinAndSpreadBeforeTheCluster(MockCluster cluster) {
        EngineExecutionResults results = timed(cluster, PinAndSpreadTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(0));
        assertThat(failures(results.containerEvents().finished().list())).singleElement().satisfies(failure -> assertThat(failure)
                .hasMessage("@WithDeployment(name=\"web\") on PlacementLifecycleTest.PinAndSpreadTestCase: node=\"node-a\" and"
                        + " spreadAcrossNodes=true contradict each other (pinned replicas all run on one node); remove node to"
                        + " spread the replicas, or spreadAcrossNodes to pin them"));
        assertThat(MockClusterProvider.starts()).as("cluster starts").isZero();
        assertThat(cluster.writes()).isEmpty();
    }
}
