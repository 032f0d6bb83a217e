package io.k8snettest.matrix;

import static io.k8snettest.k8s.Services.port;
import static io.k8snettest.k8s.Services.slicePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.Locality;
import io.k8snettest.api.Placement;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.k8s.FakeScheduler;
import io.k8snettest.k8s.Services;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A matrix "from every node" and its same-node/cross-node report: sources expanded per node, localities
 * from the pods' {@code spec.nodeName} (fabric8 mock server in CRUD mode for the target nodes).
 */
@EnableKubernetesMockClient(crud = true)
class MatrixPlacementTest {

    KubernetesClient client;

    private final AtomicReference<MatrixPlan> ran = new AtomicReference<>();
    private final MatrixBuilder builder = new MatrixBuilder(Duration.ofSeconds(10), plan -> {
        ran.set(plan);
        return new ReachabilityMatrix.Result(List.of(), List.of(), plan.expected(), plan.expected(), 0, Duration.ZERO, "");
    });

    @Test
    void aSourceOnEveryNodeBecomesOnePinnedSourcePerNodeWithItsExpectedRow() {
        builder.sourceOnEveryNode(ClientSpec.named("probe").label("role", "client").build())
                .source(ClientSpec.named("stranger").build())
                .service("web", 80, ProbeProtocol.HTTP).service("db", 5432, ProbeProtocol.TCP)
                .allow("probe", "web").allowAllTo("db")
                .assertMatches();

        MatrixPlan expanded = NodeSources.expand(ran.get(), (spec, call) -> List.of(
                spec.placed(spec.name() + "-a", Placement.onNode("a")), spec.placed(spec.name() + "-b", Placement.onNode("b"))));

        assertThat(ran.get().everyNode()).containsExactly("probe");
        assertThat(expanded.sources()).extracting(ClientSpec::name).containsExactly("probe-a", "probe-b", "stranger");
        assertThat(expanded.sources().get(1).placement()).isEqualTo(Placement.onNode("b"));
        assertThat(expanded.sources().get(1).labels()).containsEntry("role", "client");
        assertThat(expanded.expected()).isDeepEqualTo(new boolean[][] {{true, true}, {true, true}, {false, true}});
        assertThat(expanded.everyNode()).isEmpty();
        assertThat(NodeSources.expand(expanded, (spec, call) -> List.of())).as("nothing left to expand").isSameAs(expanded);
    }

    @Test
    @DisplayName("bad input: a matrix source on every node that is placed itself")
    void placedSourceOnEveryNode() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> builder.sourceOnEveryNode(ClientSpec.named("probe").onNode("a").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matrix sourceOnEveryNode(\"probe\"): the client is placed onNode(\"a\"), but a source on every"
                        + " node places one client on each node itself; remove the client's placement, or declare it with"
                        + " source(...)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void eachCellSaysWhetherItCrossedNodes() {
        Locality[][] cells = MatrixLocality.cells(java.util.Arrays.asList("a", "b", null),
                List.of(List.of("a"), List.of("a", "b"), List.of()));

        assertThat(cells).isDeepEqualTo(new Locality[][] {
                {Locality.SAME_NODE, Locality.BOTH, Locality.UNKNOWN},
                {Locality.CROSS_NODE, Locality.BOTH, Locality.UNKNOWN},
                {Locality.UNKNOWN, Locality.UNKNOWN, Locality.UNKNOWN}});
        String table = MatrixLocality.render(List.of("probe-a", "probe-b"), List.of("a", "b"), List.of("web-0", "web"),
                List.of(List.of("a"), List.of("a", "b")), new Locality[][] {{Locality.SAME_NODE, Locality.BOTH},
                        {Locality.CROSS_NODE, Locality.BOTH}});
        assertThat(table).isEqualTo(MatrixLocality.LEGEND + "\n"
                + "source (node) \\ target (nodes) | web-0 [a] | web [a, b]\n"
                + "probe-a (a)                    | S         | B\n"
                + "probe-b (b)                    | X         | B\n");
    }

    @Test
    void targetNodesComeFromThePodsSpecNodeName() {
        client.nodes().resource(FakeScheduler.node("a")).create();
        client.pods().inNamespace("ns").resource(FakeScheduler.pod("ns", "web-0", "a", Map.of("app", "web"))).create();
        client.pods().inNamespace("ns").resource(FakeScheduler.pod("ns", "web-11", "b", Map.of("app", "web"))).create();
        client.services().inNamespace("ns").resource(Services.service("ns", "web", "10.96.0.10", port("http", 80, "80", "TCP")))
                .create();
        client.discovery().v1().endpointSlices().inNamespace("ns").resource(Services.slice("ns", "web", "web-1",
                List.of(slicePort("http", 80)), "web-0=10.42.1.5", "web-11=10.42.1.6")).create();
        MatrixPlan plan = new MatrixPlan(List.of(ClientSpec.named("p").build()), List.of(
                new MatrixPlan.Target(MatrixPlan.Kind.POD, null, "web-0", null, 80, ProbeProtocol.TCP),
                new MatrixPlan.Target("web", 80, ProbeProtocol.TCP),
                new MatrixPlan.Target(MatrixPlan.Kind.ADDRESS, null, "outside", "127.0.0.1", 80, ProbeProtocol.TCP)),
                List.of("web-0", "web", "outside"), new boolean[][] {{true, true, true}}, Duration.ofSeconds(1), java.util.Set.of());

        assertThat(MatrixLocality.targetNodes(client, "ns", plan)).containsExactly(List.of("a"), List.of("a", "b"), List.of());
    }
}
