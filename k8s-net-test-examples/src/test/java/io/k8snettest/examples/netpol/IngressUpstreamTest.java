package io.k8snettest.examples.netpol;

import static io.k8snettest.examples.netpol.UpstreamModel.STANDARD;
import static io.k8snettest.examples.netpol.UpstreamModel.WINDOW;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ingress cases of the upstream Kubernetes NetworkPolicy e2e suite ({@code test/e2e/network/netpol}),
 * each named after its upstream test, on the full model: 9 pods x 9 pods x TCP 80 and 81, every
 * pod probing from itself. A case's policy is a method-level manifest, applied before it and
 * deleted after it; the model's pods run once for the class.
 */
@K8sNetTest
class IngressUpstreamTest {

    @BeforeAll
    static void model(NetTest net) {
        net.model(STANDARD);
    }

    @Test
    @WithManifest("netpol/deny-ingress.yaml")
    void shouldSupportADefaultDenyIngressPolicy(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("*", "x"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/x-a-allows-x-b.yaml")
    void shouldEnforcePolicyToAllowTrafficFromPodsWithinServerNamespaceBasedOnPodSelector(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("*", "x/a")
                .allow("x/b", "x/a"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/allow-from-all-namespaces.yaml")
    void shouldEnforcePolicyToAllowIngressTrafficFromPodsInAllNamespaces(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .allowAll())
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/allow-from-namespace-y.yaml")
    void shouldEnforcePolicyToAllowTrafficOnlyFromADifferentNamespaceBasedOnNamespaceSelector(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("x", "x/a")
                .deny("z", "x/a"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/x-a-allows-x-b-expressions.yaml")
    void shouldEnforcePolicyBasedOnPodSelectorWithMatchExpressions(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("*", "x/a")
                .allow("x/b", "x/a"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/allow-from-namespace-y-expressions.yaml")
    void shouldEnforcePolicyBasedOnNamespaceSelectorWithMatchExpressions(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("x", "x/a")
                .deny("z", "x/a"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/allow-other-namespaces-or-pod-b.yaml")
    void shouldEnforcePolicyBasedOnPodSelectorOrNamespaceSelector(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("x/c", "x/a"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/allow-pod-b-of-other-namespaces.yaml")
    void shouldEnforcePolicyBasedOnPodSelectorAndNamespaceSelector(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("*", "x/a")
                .allow("y/b", "x/a")
                .allow("z/b", "x/a"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest({"netpol/deny-ingress.yaml", "netpol/allow-all-to-a.yaml"})
    void shouldEnforcePolicyToAllowIngressTrafficForATarget(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("*", "x/b")
                .deny("*", "x/c"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/allow-all.yaml")
    void shouldSupportAllowAllPolicy(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .allowAll())
                .stabilityWindow(WINDOW).assertMatches();
    }
}
