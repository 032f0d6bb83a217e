package io.k8snettest.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.Placement;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.WithDeployment;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Bad placement input, rejected before any cluster is asked, naming the annotation, the element and the fix. */
class PlacementCatalogueTest {

    private static final Duration BOUND = Duration.ofSeconds(2);

    private static void assertRejected(ThrowingCallable call, Class<? extends Throwable> type, String message) {
        long start = System.nanoTime();
        assertThatThrownBy(call).isInstanceOf(type).hasMessage(message);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    }

    private static void assertMisuse(Class<?> testClass, String message) {
        assertRejected(() -> PlanReader.readClass(testClass, PlanReaderTest.NO_SETTINGS),
                ExtensionConfigurationException.class, message);
    }

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @WithDeployment(name = "web", image = "nginx", port = 80)
    @ExposeService(deployment = "web")
    @interface Web {
    }

    @Web
    @ReachableFrom(client = "c", service = "web", clientNode = "worker-1", clientOtherNodeThan = "web-0")
    static class TwoPlacements {
    }

    @Test
    @DisplayName("bad input: two client placements on one check contradict each other")
    void twoPlacements() {
        assertMisuse(TwoPlacements.class, "@ReachableFrom(client=\"c\", service=\"web\") on PlacementCatalogueTest.TwoPlacements:"
                + " clientNode=\"worker-1\" and clientOtherNodeThan=\"web-0\" contradict each other (a client runs on one"
                + " node; fromEveryNode places one client on each node itself); keep one of them");
    }

    @Web
    @NotReachableFrom(client = "c", service = "web", fromEveryNode = true, clientSameNodeAs = "app=web")
    static class EveryNodeAndPlaced {
    }

    @Test
    @DisplayName("bad input: fromEveryNode with a client placement contradict each other")
    void everyNodeAndPlaced() {
        assertMisuse(EveryNodeAndPlaced.class, "@NotReachableFrom(client=\"c\", service=\"web\") on"
                + " PlacementCatalogueTest.EveryNodeAndPlaced: clientSameNodeAs=\"app=web\" and fromEveryNode=true contradict"
                + " each other (a client runs on one node; fromEveryNode places one client on each node itself); keep one of"
                + " them");
    }

    @Web
    @ReachableFrom(existingPod = "web-0", service = "web", fromEveryNode = true)
    static class ExistingPodEveryNode {
    }

    @Test
    @DisplayName("bad input: an existing pod cannot be placed or run on every node")
    void existingPodEveryNode() {
        assertMisuse(ExistingPodEveryNode.class, "@ReachableFrom(existingPod=\"web-0\", service=\"web\") on"
                + " PlacementCatalogueTest.ExistingPodEveryNode: existingPod=\"web-0\" cannot be combined with fromEveryNode"
                + " (an existing pod keeps its own name, labels and namespace); remove fromEveryNode or existingPod");
    }

    @Web
    @ReachableFrom(client = "c", service = "web", clientNode = "Worker_1")
    static class BadNodeName {
    }

    @Test
    @DisplayName("bad input: clientNode that is no node name")
    void badNodeName() {
        assertMisuse(BadNodeName.class, "@ReachableFrom(client=\"c\", service=\"web\") on PlacementCatalogueTest.BadNodeName:"
                + " clientNode=\"Worker_1\" is not a node name; " + PlacementReader.NODE_NAME_RULE + "; fix clientNode");
    }

    @Web
    @ReachableFrom(client = "c", service = "web", clientOtherNodeThan = "Web 0")
    static class BadPodReference {
    }

    @Test
    @DisplayName("bad input: clientOtherNodeThan that is neither a pod name nor a selector")
    void badPodReference() {
        assertMisuse(BadPodReference.class, "@ReachableFrom(client=\"c\", service=\"web\") on"
                + " PlacementCatalogueTest.BadPodReference: clientOtherNodeThan=\"Web 0\" is neither a pod name nor a label"
                + " selector; write \"web-0\" (a pod of the test namespace), \"other/web-0\" (of companion namespace other) or"
                + " \"app=web\" (the pods a selector matches)");
    }

    @Web
    @ReachableFrom(client = "c", service = "web", clientSameNodeAs = "app=web,app=db")
    static class BadSelector {
    }

    @Test
    @DisplayName("bad input: clientSameNodeAs with a broken selector")
    void badSelector() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> PlanReader.readClass(BadSelector.class, PlanReaderTest.NO_SETTINGS))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@ReachableFrom(client=\"c\", service=\"web\") on PlacementCatalogueTest.BadSelector:"
                        + " clientSameNodeAs=\"app=web,app=db\" is no label selector: ")
                .hasMessageContaining("repeats the key 'app'")
                .hasMessageEndingWith("write a pod name (\"web-0\", \"other/web-0\") or key=value terms (\"app=web\")");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    }

    @WithDeployment(name = "web", image = "nginx", port = 80, replicas = 2, node = "worker-1", spreadAcrossNodes = true)
    static class PinAndSpread {
    }

    @Test
    @DisplayName("bad input: a deployment pinned and spread at once")
    void pinAndSpread() {
        assertMisuse(PinAndSpread.class, "@WithDeployment(name=\"web\") on PlacementCatalogueTest.PinAndSpread: node=\"worker-1\""
                + " and spreadAcrossNodes=true contradict each other (pinned replicas all run on one node); remove node to"
                + " spread the replicas, or spreadAcrossNodes to pin them");
    }

    @WithDeployment(name = "web", image = "nginx", port = 80, spreadAcrossNodes = true)
    static class SpreadOneReplica {
    }

    @Test
    @DisplayName("bad input: spreading one replica")
    void spreadOneReplica() {
        assertMisuse(SpreadOneReplica.class, "@WithDeployment(name=\"web\") on PlacementCatalogueTest.SpreadOneReplica:"
                + " replicas=1 leaves nothing to spread, but spreadAcrossNodes=true; set replicas to 2 or more, or remove"
                + " spreadAcrossNodes");
    }

    @WithDeployment(name = "web", image = "nginx", port = 80, node = "-worker")
    static class BadPin {
    }

    @Test
    @DisplayName("bad input: @WithDeployment(node) that is no node name")
    void badPin() {
        assertMisuse(BadPin.class, "@WithDeployment(name=\"web\") on PlacementCatalogueTest.BadPin: node=\"-worker\" is not a"
                + " node name; " + PlacementReader.NODE_NAME_RULE + "; fix node");
    }

    @Web
    @ReachableFrom(client = "c", service = "web", clientNode = "worker-1")
    @NotReachableFrom(client = "c", service = "web", port = 80, clientNode = "worker-2", path = "/")
    static class OneClientTwoPlacements {
    }

    @Test
    @DisplayName("bad input: one client name placed differently by two checks")
    void oneClientTwoPlacements() {
        assertRejected(() -> PlanReader.readClass(OneClientTwoPlacements.class, PlanReaderTest.NO_SETTINGS),
                ExtensionConfigurationException.class, "@NotReachableFrom(client=\"c\", service=\"web\") on"
                        + " PlacementCatalogueTest.OneClientTwoPlacements: client 'c' is placed onNode(\"worker-2\") here but"
                        + " onNode(\"worker-1\") by @ReachableFrom(client=\"c\", service=\"web\") on"
                        + " PlacementCatalogueTest.OneClientTwoPlacements; a client pod is created once and reused, so give it"
                        + " the same placement everywhere or use another client name");
    }

    @Test
    @DisplayName("bad input: ClientSpec.Builder given two different placements")
    void builderContradiction() {
        assertRejected(() -> ClientSpec.named("c").onNode("worker-1").otherNodeThan("web-0"), IllegalArgumentException.class,
                "ClientSpec.named(\"c\"): placement otherNodeThan(\"web-0\") contradicts onNode(\"worker-1\") given before; a"
                        + " client runs on one node: keep one of them (for clients on several nodes, use one client per node or"
                        + " a source on every node)");
    }

    @Test
    @DisplayName("bad input: a Placement without its node or pod")
    void emptyPlacement() {
        assertRejected(() -> Placement.onNode(""), IllegalArgumentException.class, "Placement NODE: needs a node name or pod"
                + " reference, got an empty one; give e.g. \"worker-1\" or \"web-0\"");
    }
}
