package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.cluster.ClusterException;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.k8s.FakeScheduler;
import io.k8snettest.k8s.Namespaces;
import io.k8snettest.k8s.ReadinessWaiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Probe clients carry their placement into the pod they create (fabric8 mock server in CRUD mode, a fake
 * scheduler honouring the node affinity): where they land comes from {@code spec.nodeName}, and a
 * placement the cluster cannot meet fails at once, never at the ready timeout.
 */
@EnableKubernetesMockClient(crud = true)
class ProbeClientPlacementTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final RuntimeSettings SETTINGS = new RuntimeSettings("k8snet", "never", Duration.ofHours(1),
            "busybox:1.35.0", READY_TIMEOUT, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2));

    KubernetesClient client;
    private FakeScheduler scheduler;

    @BeforeEach
    void scheduler() {
        scheduler = new FakeScheduler(client, "ns");
    }

    @AfterEach
    void stop() throws InterruptedException {
        scheduler.close();
    }

    private ProbeClients clients() {
        return new ProbeClients(new ProbeContext(client, "ns", SETTINGS, () -> "", () -> { }), "run-1",
                new Namespaces(client, Duration.ofSeconds(5), Duration.ofSeconds(5)),
                new ReadinessWaiter(client, READY_TIMEOUT, () -> ""));
    }

    private void nodes(String... names) {
        for (String name : names) {
            client.nodes().resource(FakeScheduler.node(name)).create();
        }
    }

    private Pod pod(String name) {
        return client.pods().inNamespace("ns").withName(name).get();
    }

    @Test
    void aClientOnAnotherNodeThanATargetPodLandsOnTheOtherNode() {
        nodes("node-a", "node-b");
        client.pods().inNamespace("ns").resource(FakeScheduler.pod("ns", "web-0", "node-a", Map.of("app", "web"))).create();
        ProbeClients clients = clients();

        DefaultProbeClient far = clients.get(ClientSpec.named("far").otherNodeThan("web-0").build());
        DefaultProbeClient near = clients.get(ClientSpec.named("near").sameNodeAs("web-0").build());

        var field = pod("far").getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchFields().get(0);
        assertThat(field.getKey()).isEqualTo("metadata.name");
        assertThat(field.getOperator()).isEqualTo("NotIn");
        assertThat(field.getValues()).containsExactly("node-a");
        assertThat(clients.nodeOf(far)).as("from spec.nodeName").isEqualTo("node-b");
        assertThat(clients.nodeOf(near)).isEqualTo("node-a");
        assertThat(pod("near").getMetadata().getLabels()).containsEntry(ProbePods.CLIENT_LABEL, "near");
    }

    @Test
    void aClientOnEveryNodeIsOnePinnedPodPerSchedulableNode() {
        nodes("node-a", "node-b");
        client.nodes().resource(new NodeBuilder(FakeScheduler.node("node-c")).editSpec().withUnschedulable(true).endSpec().build())
                .create();
        ProbeClients clients = clients();

        List<DefaultProbeClient> all = clients.onEveryNode(ClientSpec.named("probe").label("role", "client").build(), "x");

        assertThat(all).extracting(DefaultProbeClient::name).containsExactly("probe-node-a", "probe-node-b");
        assertThat(all).extracting(clients::nodeOf).containsExactly("node-a", "node-b");
        assertThat(pod("probe-node-b").getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchFields().get(0).getValues()).containsExactly("node-b");
        assertThat(pod("probe-node-b").getMetadata().getLabels()).containsEntry("role", "client");
        assertThat(clients.onEveryNode(ClientSpec.named("probe").label("role", "client").build(), "x"))
                .as("reused, not created again").extracting(DefaultProbeClient::name).containsExactly("probe-node-a", "probe-node-b");
    }

    @Test
    @DisplayName("bad input: a client on another node than its target on a one-node cluster creates no pod")
    void otherNodeOnOneNodeCreatesNothing() {
        nodes("only");
        client.pods().inNamespace("ns").resource(FakeScheduler.pod("ns", "web-0", "only", Map.of("app", "web"))).create();
        long start = System.nanoTime();

        assertThatThrownBy(() -> clients().get(ClientSpec.named("far").otherNodeThan("app=web").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("probe client 'far' placed otherNodeThan(\"app=web\") (clientOtherNodeThan /"
                        + " ClientSpec.Builder.otherNodeThan): app=web runs on [only] and the cluster has no other schedulable node")
                .hasMessageContaining("must never pass as cross-node");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(pod("far")).as("no pod created").isNull();
    }

    @Test
    @DisplayName("bad input: a placed client left Pending by the scheduler fails at once with its reason")
    void unschedulableClientFailsFast() {
        nodes("node-a");
        client.nodes().resource(new NodeBuilder(FakeScheduler.node("node-b")).editMetadata()
                .addToLabels(FakeScheduler.FULL, "true").endMetadata().build()).create();
        long start = System.nanoTime();

        assertThatThrownBy(() -> clients().get(ClientSpec.named("pinned").onNode("node-b").build()))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("probe client pinned: pod pinned cannot become Ready: Unschedulable (0/2 nodes are"
                        + " available: 1 node(s) didn't match Pod's node affinity/selector")
                .hasMessageContaining("the placement (@WithDeployment node or spreadAcrossNodes; a client's clientNode,"
                        + " clientSameNodeAs or clientOtherNodeThan, ClientSpec.Builder.onNode, sameNodeAs or otherNodeThan;"
                        + " see README \"Node placement\")");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("long before the ready timeout " + READY_TIMEOUT)
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("bad input: one client name with two placements")
    void oneNameTwoPlacements() {
        nodes("node-a", "node-b");
        ProbeClients clients = clients();
        clients.get(ClientSpec.named("c").onNode("node-a").build());

        assertThatThrownBy(() -> clients.get(ClientSpec.named("c").onNode("node-b").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("NetTest.client(...): probe client 'c' already exists as ")
                .hasMessageContaining("a different identity needs a different name");
    }

    @Test
    @DisplayName("bad input: a client on every node that is placed itself")
    void everyNodeOfAPlacedClient() {
        nodes("node-a", "node-b");

        assertThatThrownBy(() -> clients().onEveryNode(ClientSpec.named("c").onNode("node-a").build(), "fromEveryNode=true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fromEveryNode=true: client 'c' is placed onNode(\"node-a\"), but a client on every node is placed"
                        + " on each node itself; remove the client's placement");
    }
}
