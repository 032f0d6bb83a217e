package io.k8snettest.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.Locality;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.Placement;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.WithDeployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How placement attributes become plans (pure, no cluster). */
class PlacementPlanTest {

    @WithDeployment(name = "web", image = "nginx:1.22.1", port = 80, replicas = 2, spreadAcrossNodes = true)
    @WithDeployment(name = "db", image = "nginx:1.22.1", port = 80, node = "worker-1.example")
    @ExposeService(deployment = "web")
    @ReachableFrom(client = "near", service = "web", clientSameNodeAs = "app=web")
    @ReachableFrom(client = "far", service = "web", clientOtherNodeThan = "web-0")
    @ReachableFrom(client = "pinned", service = "web", clientNode = "worker-2")
    @NotReachableFrom(client = "everywhere", service = "web", fromEveryNode = true)
    static class Placed {
    }

    @Test
    void checksCarryTheirClientsPlacement() {
        ResourcePlan plan = PlanReader.readClass(Placed.class, PlanReaderTest.NO_SETTINGS);

        assertThat(plan.checks()).extracting(c -> c.client().spec().placement()).containsExactly(
                Placement.sameNodeAs("app=web"), Placement.otherNodeThan("web-0"), Placement.onNode("worker-2"),
                Placement.anyNode());
        assertThat(plan.checks()).extracting(c -> c.client().everyNode()).containsExactly(false, false, false, true);
        assertThat(plan.checks().get(3).client().displayName()).isEqualTo("everywhere on every node");
        assertThat(plan.checks().get(1).client().displayName()).isEqualTo("far placed otherNodeThan(\"web-0\")");
    }

    @Test
    void deploymentsCarryTheirPinOrSpread() {
        ResourcePlan plan = PlanReader.readClass(Placed.class, PlanReaderTest.NO_SETTINGS);

        assertThat(plan.deployments()).extracting(DeploymentSpec::name, DeploymentSpec::node, DeploymentSpec::spread)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web", "", true),
                        org.assertj.core.groups.Tuple.tuple("db", "worker-1.example", false));
        assertThat(plan.deployments().get(1).forLoadedImages(java.util.Set.of("docker.io/library/nginx:1.22.1")).node())
                .as("a loaded image keeps the pin").isEqualTo("worker-1.example");
    }

    @Test
    void withoutPlacementAClientRunsAnywhere() {
        ClientSpec plain = ClientSpec.named("probe").build();

        assertThat(plain.placement()).isEqualTo(Placement.anyNode());
        assertThat(plain.placement().isAny()).isTrue();
        assertThat(new ClientSpec("probe", Map.of(), null, Map.of(), Map.of())).isEqualTo(plain);
    }

    @Test
    void theBuilderPlacesAClientAndThePlacementIsPartOfItsIdentity() {
        ClientSpec far = ClientSpec.named("far").label("role", "client").otherNodeThan("web-0").build();

        assertThat(far.placement()).isEqualTo(Placement.otherNodeThan("web-0"));
        assertThat(far).isNotEqualTo(ClientSpec.named("far").label("role", "client").build());
        assertThat(ClientSpec.named("x").onNode("a").onNode("a").build().placement()).as("the same twice is one")
                .isEqualTo(Placement.onNode("a"));
        ClientSpec moved = far.placed("far-b", Placement.onNode("b"));
        assertThat(moved.labels()).isEqualTo(far.labels());
        assertThat(moved.name()).isEqualTo("far-b");
        assertThat(Placement.sameNodeAs("other/web-0")).hasToString("sameNodeAs(\"other/web-0\")");
    }

    @Test
    void aClientOnANodeIsNamedAfterItAsALabel() {
        assertThat(NamespaceNames.clientOnNode("probe", "worker-1")).isEqualTo("probe-worker-1");
        assertThat(NamespaceNames.clientOnNode("probe", "ip-10-0-0-1.eu-west-1.compute.internal"))
                .isEqualTo("probe-ip-10-0-0-1-eu-west-1-compute-internal");
        String longName = NamespaceNames.clientOnNode("probe", "a-very-long-node-name-".repeat(4) + "end");
        assertThat(longName).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        assertThat(longName).isNotEqualTo(NamespaceNames.clientOnNode("probe", "a-very-long-node-name-".repeat(4) + "end2"));
    }

    @Test
    void localityComesFromTheNodes() {
        assertThat(Locality.of("a", List.of("a"))).isEqualTo(Locality.SAME_NODE);
        assertThat(Locality.of("a", List.of("b", "c"))).isEqualTo(Locality.CROSS_NODE);
        assertThat(Locality.of("a", List.of("a", "b"))).isEqualTo(Locality.BOTH);
        assertThat(Locality.of(null, List.of("a"))).isEqualTo(Locality.UNKNOWN);
        assertThat(Locality.of("a", List.of())).isEqualTo(Locality.UNKNOWN);
        assertThat(Locality.of("a", java.util.Arrays.asList("a", null))).isEqualTo(Locality.UNKNOWN);
        assertThat(Locality.CROSS_NODE).hasToString("cross-node");
    }
}
