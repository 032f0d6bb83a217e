package io.k8snettest.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.k8snettest.api.ServiceHandle.Endpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** drainNodeAndAwaitHealing's drain: refused before anything changes when it cannot work; the cordon is undone. */
@EnableKubernetesMockClient(crud = true)
class NodeDrainCatalogueTest {

    KubernetesClient client;
    KubernetesMockServer server;

    private static final List<Endpoint> ENDPOINTS = List.of(new Endpoint("10.244.0.5", 8080, "web-a", "node-a", "", 80),
            new Endpoint("10.244.1.5", 8080, "web-b", "node-b", "", 80));

    @Test
    @DisplayName("bad input: draining a node the cluster does not have names its nodes and where the service runs")
    void unknownNode() {
        node("node-a", false);
        node("node-b", false);
        long start = System.nanoTime();
        assertThatThrownBy(() -> NodeDrain.of(client, "node-x", "web", List.of(), ENDPOINTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drainNodeAndAwaitHealing(\"node-x\"): the cluster has no node node-x")
                .hasMessageContaining("node-a").hasMessageContaining("node-b")
                .hasMessageContaining("the endpoints of service web run on {node-a=[web-a], node-b=[web-b]}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(cordoned("node-a") || cordoned("node-b")).isFalse();
    }

    @Test
    @DisplayName("bad input: draining a node that runs none of the service's pods says which nodes do")
    void nodeWithoutPodsOfTheService() {
        node("node-a", false);
        node("node-c", false);
        assertThatThrownBy(() -> NodeDrain.of(client, "node-c", "web", List.of(), ENDPOINTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no ready pod of service web runs on node-c")
                .hasMessageContaining("drain one of those nodes");
        assertThat(cordoned("node-c")).isFalse();
    }

    @Test
    @DisplayName("bad input: draining the only schedulable node fails: the pods could not come back elsewhere")
    void onlySchedulableNode() {
        node("node-a", false);
        node("node-b", true);   // cordoned: not a place for the replacements
        assertThatThrownBy(() -> NodeDrain.of(client, "node-a", "web", List.of("web-a"), ENDPOINTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the cluster has no other schedulable node")
                .hasMessageContaining("at least two schedulable nodes");
        assertThat(cordoned("node-a")).isFalse();
    }

    @Test
    void cordonsEvictsAndUncordons() throws InterruptedException {
        node("node-a", false);
        node("node-b", false);
        client.pods().inNamespace("ns").resource(new PodBuilder().withNewMetadata().withName("web-a").endMetadata()
                .withNewSpec().withNodeName("node-a").endSpec().build()).create();
        server.expect().post().withPath("/api/v1/namespaces/ns/pods/web-a/eviction").andReturn(201, "{}").once();

        NodeDrain drain = NodeDrain.of(client, "node-a", "web", List.of("web-a"), ENDPOINTS);
        drain.cordonAndEvict("ns", Duration.ofSeconds(5));
        assertThat(server.getLastRequest().getPath()).as("evicted last").isEqualTo("/api/v1/namespaces/ns/pods/web-a/eviction");
        assertThat(cordoned("node-a")).as("cordoned during the drain").isTrue();
        drain.restore();
        assertThat(cordoned("node-a")).as("uncordoned after it").isFalse();
        assertThat(cordoned("node-b")).isFalse();
    }

    @Test
    void aNodeCordonedBeforeStaysCordoned() {
        node("node-a", true);
        node("node-b", false);
        server.expect().post().withPath("/api/v1/namespaces/ns/pods/web-a/eviction").andReturn(201, "{}").once();
        client.pods().inNamespace("ns").resource(new PodBuilder().withNewMetadata().withName("web-a").endMetadata().build())
                .create();

        NodeDrain drain = NodeDrain.of(client, "node-a", "web", List.of("web-a"), ENDPOINTS);
        drain.cordonAndEvict("ns", Duration.ofSeconds(5));
        drain.restore();
        assertThat(cordoned("node-a")).as("left as it was found").isTrue();
    }

    private void node(String name, boolean unschedulable) {
        Node node = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withUnschedulable(unschedulable ? true : null).endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
        client.nodes().resource(node).create();
    }

    private boolean cordoned(String name) {
        Node node = client.nodes().withName(name).get();
        return node != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }
}
