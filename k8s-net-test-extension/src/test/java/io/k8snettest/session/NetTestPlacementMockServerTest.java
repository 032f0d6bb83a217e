package io.k8snettest.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.k8s.FakeControlPlane;
import io.k8snettest.k8s.FakeScheduler;
import io.k8snettest.policy.PolicyEnforcement;
import io.k8snettest.report.Publisher;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link NetTest#clientsOnEveryNode}: one pinned client per schedulable node (fabric8 mock server, fake scheduler). */
@EnableKubernetesMockClient(crud = true)
class NetTestPlacementMockServerTest {

    KubernetesClient client;
    private FakeControlPlane controlPlane;
    private FakeScheduler scheduler;
    private NamespaceSession session;

    @BeforeEach
    void open() {
        controlPlane = new FakeControlPlane(client);
        session = NamespaceSession.open(client, NamespaceSessionMockServerTest.SETTINGS, "run-1", "com.example.CrossNodeTest",
                new PolicyEnforcement(), null);
        scheduler = new FakeScheduler(client, session.namespace());
    }

    @AfterEach
    void close() throws InterruptedException {
        session.close(false);
        scheduler.close();
        controlPlane.close();
    }

    @Test
    void oneClientPerSchedulableNodeEachOnItsNode() {
        client.nodes().resource(FakeScheduler.node("node-b")).create();
        client.nodes().resource(FakeScheduler.node("node-a")).create();
        NetTest net = session.netTest(Publisher.NONE);

        List<ProbeClient> clients = net.clientsOnEveryNode(ClientSpec.named("probe").label("role", "client").build());

        assertThat(clients).extracting(ProbeClient::name).containsExactly("probe-node-a", "probe-node-b");
        assertThat(clients).extracting(c -> client.pods().inNamespace(c.namespace()).withName(c.name()).get().getSpec()
                .getNodeName()).containsExactly("node-a", "node-b");
        assertThat(net.clientsOnEveryNode(ClientSpec.named("probe").label("role", "client").build()))
                .as("the same clients again").extracting(ProbeClient::name).containsExactly("probe-node-a", "probe-node-b");
    }

    @Test
    @DisplayName("bad input: NetTest.clientsOnEveryNode on a one-node cluster")
    void oneNode() {
        client.nodes().resource(FakeScheduler.node("only")).create();
        NetTest net = session.netTest(Publisher.NONE);
        long start = System.nanoTime();

        assertThatThrownBy(() -> net.clientsOnEveryNode(ClientSpec.named("probe").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("NetTest.clientsOnEveryNode(probe): one client per schedulable node needs at least two"
                        + " of them to probe across nodes, the cluster has 1 (nodes: [only (schedulable)]); run it on a cluster"
                        + " with at least two schedulable nodes");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(client.pods().inNamespace(session.namespace()).list().getItems()).as("no client pod").isEmpty();
    }
}
