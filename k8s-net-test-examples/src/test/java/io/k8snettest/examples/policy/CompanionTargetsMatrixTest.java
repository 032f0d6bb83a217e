package io.k8snettest.examples.policy;

import static io.k8snettest.examples.policy.PolicyExamples.WINDOW_DURATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.Test;

/**
 * Matrix targets beyond the test namespace's services: a server in a companion namespace (placed
 * there by the manifest's {@code ${k8snet.namespace:other}} placeholder), its service's two ports as
 * two columns, and its pod on the pod IP. Then the companion namespace denies all ingress: no source
 * may reach a target, so a port-forward first proves each one serves.
 */
@K8sNetTest
@WithManifest("services/companion-web.yaml")
class CompanionTargetsMatrixTest {

    @Test
    void aCompanionServiceOnTwoPortsAndItsPodAreColumnsThenAPolicyThereBlocksThemAll(NetTest net) {
        ReachabilityMatrix.Result open = net.matrix()
                .source(ClientSpec.named("visitor").build())
                .service("other", "web", 80, ProbeProtocol.HTTP)
                .service("other", "web", 8080, ProbeProtocol.TCP)
                .pod("other/web-0", 80, ProbeProtocol.TCP)
                .allowAllTo("other/web")       // both columns of the service
                .allow("visitor", "other/web-0")
                .assertMatches();
        assertThat(open.targets()).containsExactly("other/web:80", "other/web:8080", "other/web-0");

        net.applyManifest("policies/other-deny-ingress.yaml");
        try {
            net.matrix()
                    .source(ClientSpec.named("visitor").build())
                    .service("other", "web", 80, ProbeProtocol.HTTP)
                    .service("other", "web", 8080, ProbeProtocol.TCP)
                    .pod("other/web-0", 80, ProbeProtocol.TCP)
                    .stabilityWindow(WINDOW_DURATION)
                    .assertMatches();
        } finally {
            net.deleteManifest("policies/other-deny-ingress.yaml");
        }
    }
}
