package io.k8snettest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.Via;
import io.k8snettest.api.WithDeployment;
import org.junit.jupiter.api.Test;

/** The same deployment as the seed's manifest, declared with annotations instead of YAML. */
@K8sNetTest
@WithDeployment(name = "my-nginx", image = "nginx:1.22.1", replicas = 2, port = 80, labels = "run=my-nginx")
@ExposeService(name = "my-nginx", deployment = "my-nginx", port = 80)
class DeclaredDeploymentTest {

    @Test
    @ReachableFrom(client = "load-generator", service = "my-nginx", expectBody = "<title>Welcome to nginx!</title>")
    void clusterIpServesTheWelcomePage() {
        // The declared check runs after this body: HTTP from load-generator to the ClusterIP.
    }

    @Test
    @ReachableFrom(client = "load-generator", service = "my-nginx", via = Via.EACH_ENDPOINT,
            expectBody = "<title>Welcome to nginx!</title>")
    void everyEndpointServesThePageDirectly() {
        // Pod IP and target port of each ready endpoint, without the service proxy.
    }

    @Test
    @ReachableFrom(client = "load-generator", service = "my-nginx", protocol = ProbeProtocol.TCP)
    void thePortAcceptsTcpConnections(NetTest net) {
        assertThat(net.deployment("my-nginx").readyReplicas()).isEqualTo(2);
    }
}
