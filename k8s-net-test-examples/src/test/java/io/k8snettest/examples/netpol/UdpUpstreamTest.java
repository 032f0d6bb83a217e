package io.k8snettest.examples.netpol;

import static io.k8snettest.examples.netpol.UpstreamModel.STANDARD;
import static io.k8snettest.examples.netpol.UpstreamModel.WINDOW;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.TransportProtocol;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstream's UDP port case ({@code [Feature:UDP]}) on the model serving TCP and UDP on 80 and 81
 * (9 x 9 pods x 4 columns): every pod answers UDP datagrams with its hostname, so a UDP cell is
 * reached only when the answer comes back.
 */
@K8sNetTest
class UdpUpstreamTest {

    static final ModelSpec TCP_AND_UDP = STANDARD.withProtocols(TransportProtocol.TCP, TransportProtocol.UDP);

    @BeforeAll
    static void model(NetTest net) {
        net.model(TCP_AND_UDP);
    }

    @Test
    @WithManifest("netpol/allow-y-on-udp-81.yaml")
    void shouldEnforcePolicyBasedOnPortsUdp(NetTest net) {
        PolicyModel model = net.model(TCP_AND_UDP);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("*", "x/a")
                .allow("y", "x/a:81/udp"))
                .stabilityWindow(WINDOW).assertMatches();
    }
}
