package io.k8snettest.examples.nodes;

import static io.k8snettest.examples.nodes.NodeFacts.AGNHOST;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.HealingReport;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.WithDeployment;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A node drained (cordoned, the service's pods evicted) while the ClusterIP is probed: the endpoints
 * move to the other node, and the report says how long that took and how many probes failed
 * meanwhile. {@code @Isolated}: a cordon would also keep other classes' new pods off the node.
 */
@K8sNetTest
@Isolated("cordons a node")
@WithDeployment(name = "single", image = AGNHOST, port = 8080, args = {"netexec", "--http-port=8080"})
@WithDeployment(name = "spread", image = AGNHOST, replicas = 2, port = 8080, args = {"netexec", "--http-port=8080"},
        spreadAcrossNodes = true)
@ExposeService(deployment = "single", port = 80, targetPort = 8080)
@ExposeService(deployment = "spread", port = 80, targetPort = 8080)
class NodeDrainTest {

    /** One replica: while it is evicted the service has no endpoint, and its replacement lands on the other node. */
    @Test
    void theReplacementLandsOnTheOtherNode(NetTest net, TestReporter reporter) {
        ServiceHandle svc = net.service("single");
        String drained = svc.endpoints().get(0).nodeName();

        HealingReport healing = svc.drainNodeAndAwaitHealing(drained);
        reporter.publishEntry("drain", drained + ": " + healing);

        assertThat(healing.deletedPods()).hasSize(1);
        assertThat(svc.endpoints()).singleElement().satisfies(e -> assertThat(e.nodeName()).isNotEqualTo(drained));
        assertThat(healing.joinedIps()).containsExactlyElementsOf(svc.endpointIps());
        assertThat(healing.probesSent()).isPositive();
        assertThat(healing.timeToHeal()).isPositive();
        assertUncordoned(net, drained);
    }

    /** Two replicas on two nodes: draining one node moves its endpoint to the other; the other replica serves meanwhile. */
    @Test
    void endpointsMoveOffTheDrainedNode(NetTest net, TestReporter reporter) {
        ServiceHandle svc = net.service("spread");
        Set<String> nodesBefore = nodes(svc);
        assertThat(nodesBefore).as("spread over two nodes").hasSize(2);
        String drained = nodesBefore.iterator().next();

        HealingReport healing = svc.drainNodeAndAwaitHealing(drained);
        reporter.publishEntry("drain", drained + ": " + healing);

        assertThat(nodes(svc)).as("every endpoint off " + drained).hasSize(1).doesNotContain(drained);
        assertThat(healing.endpointsAfter()).hasSize(2);
        assertThat(healing.leftIps()).hasSize(1);
        assertThat(healing.probesSent()).isPositive();
        assertUncordoned(net, drained);
    }

    private static Set<String> nodes(ServiceHandle svc) {
        return svc.endpoints().stream().map(ServiceHandle.Endpoint::nodeName).collect(Collectors.toSet());
    }

    private static void assertUncordoned(NetTest net, String node) {
        assertThat(net.kubernetesClient().nodes().withName(node).get().getSpec().getUnschedulable())
                .as("node %s uncordoned after the drain", node).isNotEqualTo(Boolean.TRUE);
    }
}
