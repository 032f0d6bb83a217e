package io.k8snettest.examples.netpol;

import static io.k8snettest.examples.netpol.UpstreamModel.STANDARD;
import static io.k8snettest.examples.netpol.UpstreamModel.WINDOW;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.WithManifest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstream's cases whose labels change mid-test (a pod's, a namespace's), on the full model (9 x 9
 * pods x TCP 80 and 81): the matrix before the change, then after it, each with the data-plane
 * wait. A changed label is restored by the next {@code net.model(...)} call.
 */
@K8sNetTest
class UpdatedLabelsUpstreamTest {

    @BeforeAll
    static void model(NetTest net) {
        net.model(STANDARD);
    }

    @Test
    @WithManifest("netpol/x-a-allows-updated-pod.yaml")
    void shouldAllowIngressAccessFromUpdatedPod(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect().deny("*", "x/a"))
                .stabilityWindow(WINDOW).assertMatches();

        model.setPodLabels("x/b", Map.of("pod", "b", "pod2", "updated"));

        model.expectFromPolicies().assertSameAs(model.expect().deny("*", "x/a").allow("x/b", "x/a"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/x-a-allows-updated-namespace.yaml")
    void shouldAllowIngressAccessFromUpdatedNamespace(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect().deny("*", "x/a"))
                .stabilityWindow(WINDOW).assertMatches();

        model.setNamespaceLabels("y", Map.of("ns", "y", "ns2", "updated"));

        model.expectFromPolicies().assertSameAs(model.expect().deny("*", "x/a").allow("y", "x/a"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/deny-ingress-to-isolated.yaml")
    void shouldDenyIngressAccessToUpdatedPod(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect().allowAll()).stabilityWindow(WINDOW).assertMatches();

        model.setPodLabels("x/a", Map.of("pod", "a", "target", "isolated"));

        model.expectFromPolicies().assertSameAs(model.expect().deny("*", "x/a"))
                .stabilityWindow(WINDOW).assertMatches();
    }
}
