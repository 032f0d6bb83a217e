package io.k8snettest.examples.nodes;

import static io.k8snettest.examples.nodes.NodeFacts.AGNHOST;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.WithDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * A ClusterIP whose endpoints are all on another node than the client: the packet is translated on
 * the client's node and routed to the other one, and the server sees the client's own pod IP.
 */
@K8sNetTest
@WithDeployment(name = "web", image = AGNHOST, port = 8080, args = {"netexec", "--http-port=8080"})
@ExposeService(deployment = "web", port = 80, targetPort = 8080)
class CrossNodeClusterIpTest {

    /** Declared: the client lands on a node none of web's pods runs on. */
    @Test
    @ReachableFrom(client = "far", service = "web", clientOtherNodeThan = "app=web")
    void declaredFromTheOtherNode() {
    }

    /** Programmatic: the same client, its node checked against every endpoint's, the source IP kept. */
    @Test
    void everyEndpointIsOnTheOtherNodeAndTheSourceIpIsKept(NetTest net, TestReporter reporter) {
        ProbeClient far = net.client(ClientSpec.named("far").otherNodeThan("app=web").build());
        ServiceHandle web = net.service("web");
        String farNode = NodeFacts.nodeOf(net, far.name());

        assertThat(web.endpoints()).hasSize(1).allSatisfy(e -> assertThat(e.nodeName()).isNotEqualTo(farNode));
        // agnhost's /clientip answers with the address the connection came from
        far.awaitHttp(web.clusterIP(), 80, "/clientip", 200, far.podIp() + ":", net.probeTimeout());
        reporter.publishEntry("placement", "client on " + farNode + ", endpoints on "
                + web.endpoints().stream().map(ServiceHandle.Endpoint::nodeName).distinct().toList());
    }
}
