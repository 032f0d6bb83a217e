package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.api.Placement;
import io.k8snettest.plan.DeploymentSpec;
import io.k8snettest.plan.ResourcePlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Placement against what the cluster has (fabric8 mock server, CRUD): the affinity a placement becomes,
 * and each placement the cluster cannot satisfy refused before any pod exists, naming why and the fix.
 */
@EnableKubernetesMockClient(crud = true)
class NodePlacementCatalogueTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final String CLIENT = "probe client 'far'";

    KubernetesClient client;

    private void nodes(String... names) {
        for (String name : names) {
            client.nodes().resource(FakeScheduler.node(name)).create();
        }
    }

    private void podOn(String name, String node, String app) {
        client.pods().inNamespace("ns").resource(FakeScheduler.pod("ns", name, node, Map.of("app", app))).create();
    }

    private NodePlacement placement() {
        return new NodePlacement(client, "ns");
    }

    private static NodeSelectorRequirement field(Affinity affinity) {
        var terms = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        assertThat(terms).hasSize(1);
        assertThat(terms.get(0).getMatchFields()).hasSize(1);
        return terms.get(0).getMatchFields().get(0);
    }

    private static void assertRefused(ThrowingCallable call, String... parts) {
        long start = System.nanoTime();
        var thrown = assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class);
        for (String part : parts) {
            thrown.hasMessageContaining(part);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    }

    @Test
    void sameNodeAsAPodPinsToItsNodeByName() {
        nodes("node-a", "node-b");
        podOn("web-0", "node-b", "web");

        NodeSelectorRequirement field = field(placement().affinity(Placement.sameNodeAs("web-0"), CLIENT));

        assertThat(field.getKey()).isEqualTo("metadata.name");
        assertThat(field.getOperator()).isEqualTo("In");
        assertThat(field.getValues()).containsExactly("node-b");
        assertThat(placement().affinity(Placement.anyNode(), CLIENT)).as("any node: no affinity").isNull();
    }

    @Test
    void otherNodeThanPodsOfASelectorAvoidsEveryNodeTheyRunOn() {
        nodes("node-a", "node-b", "node-c");
        podOn("web-0", "node-a", "web");
        podOn("web-1", "node-b", "web");
        podOn("db-0", "node-c", "db");

        NodeSelectorRequirement field = field(placement().affinity(Placement.otherNodeThan("app=web"), CLIENT));

        assertThat(field.getOperator()).isEqualTo("NotIn");
        assertThat(field.getValues()).containsExactly("node-a", "node-b");
        assertThat(field(placement().affinity(Placement.onNode("node-c"), CLIENT)).getValues()).containsExactly("node-c");
    }

    @Test
    @DisplayName("bad input: a client on another node than a pod, on a one-node cluster")
    void otherNodeOnOneNode() {
        nodes("only");
        podOn("web-0", "only", "web");

        assertRefused(() -> placement().affinity(Placement.otherNodeThan("web-0"), CLIENT),
                "probe client 'far' placed otherNodeThan(\"web-0\") (clientOtherNodeThan / ClientSpec.Builder.otherNodeThan):"
                        + " web-0 runs on [only] and the cluster has no other schedulable node (nodes: [only (schedulable)]),"
                        + " so the probe would be same-node traffic, which must never pass as cross-node; run it on a cluster"
                        + " with at least two schedulable nodes", "or remove the placement");
    }

    @Test
    @DisplayName("bad input: a client on another node than a pod, when every other node is cordoned or tainted")
    void otherNodeWhenTheOthersTakeNoPods() {
        nodes("node-a");
        client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder(FakeScheduler.node("node-b")).editSpec()
                .withUnschedulable(true).endSpec().build()).create();
        client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder(FakeScheduler.node("node-c")).editSpec()
                .withTaints(new TaintBuilder().withKey("dedicated").withValue("db").withEffect("NoSchedule").build()).endSpec()
                .build()).create();
        podOn("web-0", "node-a", "web");

        assertRefused(() -> placement().affinity(Placement.otherNodeThan("app=web"), CLIENT), "no other schedulable node",
                "nodes: [node-a (schedulable), node-b (cordoned (spec.unschedulable)), node-c (tainted dedicated=db:NoSchedule)]");
    }

    @Test
    @DisplayName("bad input: the same node as pods that run on several nodes")
    void sameNodeAsPodsOnSeveralNodes() {
        nodes("node-a", "node-b");
        podOn("web-0", "node-a", "web");
        podOn("web-1", "node-b", "web");

        assertRefused(() -> placement().affinity(Placement.sameNodeAs("app=web"), CLIENT),
                "the pods app=web run on several nodes [node-a, node-b], so \"the same node\" is not one node; name one pod"
                        + " (e.g. \"web-0\") or pin the client with clientNode / ClientSpec.Builder.onNode");
    }

    @Test
    @DisplayName("bad input: a node the cluster does not have")
    void unknownNode() {
        nodes("node-a", "node-b");

        assertRefused(() -> placement().affinity(Placement.onNode("node-z"), CLIENT),
                "probe client 'far' placed onNode(\"node-z\") (clientNode / ClientSpec.Builder.onNode): the cluster has no"
                        + " node \"node-z\"; nodes: [node-a (schedulable), node-b (schedulable)]; name one of them (kubectl get nodes)");
    }

    @Test
    @DisplayName("bad input: a cordoned node")
    void cordonedNode() {
        client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder(FakeScheduler.node("node-a")).editSpec()
                .withUnschedulable(true).endSpec().build()).create();

        assertRefused(() -> placement().affinity(Placement.onNode("node-a"), CLIENT),
                "node node-a takes no new pods: cordoned (spec.unschedulable)", "uncordon it (kubectl uncordon node-a)");
    }

    @Test
    @DisplayName("bad input: the same node as a pod that does not exist")
    void missingPod() {
        nodes("node-a");
        podOn("web-0", "node-a", "web");

        assertRefused(() -> placement().affinity(Placement.sameNodeAs("web-9"), CLIENT),
                "no running pod matches \"web-9\" in namespace ns; pods there: [web-0]; fix the reference");
    }

    @Test
    @DisplayName("bad input: one client per node on a one-node cluster")
    void everyNodeOnOneNode() {
        nodes("only");

        assertRefused(() -> placement().everyNode("fromEveryNode=true"), "fromEveryNode=true: one client per schedulable node"
                + " needs at least two of them to probe across nodes, the cluster has 1 (nodes: [only (schedulable)]);"
                + " run it on a cluster with at least two schedulable nodes", "or probe from one client");
    }

    @Test
    void everyNodeMeansEverySchedulableNode() {
        nodes("node-b", "node-a");
        client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder(FakeScheduler.node("node-c")).editSpec()
                .withUnschedulable(true).endSpec().build()).create();

        assertThat(placement().everyNode("x")).containsExactly("node-a", "node-b");
    }

    private static DeploymentSpec deployment(String node, boolean spread) {
        return new DeploymentSpec("web", "nginx:1.22.1", 2, List.of(80), Map.of("app", "web"), List.of(), List.of(), Map.of(),
                "@WithDeployment(name=\"web\") on T", "", node, spread);
    }

    private ResourceApplier applier() {
        return new ResourceApplier(client, "ns", new ReadinessWaiter(client, Duration.ofSeconds(5), () -> ""), Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("bad input: a deployment spread across nodes on a one-node cluster creates nothing")
    void spreadOnOneNode() {
        nodes("only");

        assertRefused(() -> applier().apply(new ResourcePlan(List.of(), List.of(deployment("", true)), List.of(), List.of())),
                "@WithDeployment(name=\"web\") on T: spreadAcrossNodes=true needs at least two schedulable nodes, the cluster"
                        + " has 1 (nodes: [only (schedulable)]), so every replica would run on one node;",
                "or remove spreadAcrossNodes");
        assertThat(client.apps().deployments().inNamespace("ns").list().getItems()).isEmpty();
    }

    @Test
    @DisplayName("bad input: a deployment pinned to a node the cluster does not have creates nothing")
    void pinnedToUnknownNode() {
        nodes("node-a");

        assertRefused(() -> applier().apply(new ResourcePlan(List.of(), List.of(deployment("node-x", false)), List.of(), List.of())),
                "@WithDeployment(name=\"web\") on T: node=\"node-x\": the cluster has no node \"node-x\"; nodes: [node-a"
                        + " (schedulable)]; name one of them");
        assertThat(client.apps().deployments().inNamespace("ns").list().getItems()).isEmpty();
    }

    @Test
    void aPinnedDeploymentGetsANodeAffinityAndASpreadOneATopologySpreadConstraint() {
        var pinned = ResourceFactory.deployment(deployment("node-a", false), "ns").getSpec().getTemplate().getSpec();
        var spread = ResourceFactory.deployment(deployment("", true), "ns").getSpec().getTemplate().getSpec();
        var plain = ResourceFactory.deployment(deployment("", false), "ns").getSpec().getTemplate().getSpec();

        assertThat(field(pinned.getAffinity()).getValues()).containsExactly("node-a");
        assertThat(pinned.getTopologySpreadConstraints()).isEmpty();
        assertThat(spread.getAffinity()).isNull();
        var constraint = spread.getTopologySpreadConstraints().get(0);
        assertThat(constraint.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(constraint.getMaxSkew()).isEqualTo(1);
        assertThat(constraint.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
        assertThat(constraint.getLabelSelector().getMatchLabels()).isEqualTo(Map.of("app", "web"));
        assertThat(constraint.getMatchLabelKeys()).containsExactly("pod-template-hash");
        assertThat(constraint.getNodeTaintsPolicy()).isEqualTo("Honor");
        assertThat(plain.getAffinity()).isNull();
        assertThat(plain.getTopologySpreadConstraints()).isEmpty();
    }
}
