package io.k8snettest.examples.netpol;

import static io.k8snettest.examples.netpol.UpstreamModel.STANDARD;
import static io.k8snettest.examples.netpol.UpstreamModel.WINDOW;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Port, stacking and egress cases of the upstream Kubernetes NetworkPolicy e2e suite, each named
 * after its upstream test, on the full model (9 x 9 pods x TCP 80 and 81). Where upstream checks
 * one port, these check both: the other port's cells are part of the expectation.
 */
@K8sNetTest
class EgressAndPortsUpstreamTest {

    @BeforeAll
    static void model(NetTest net) {
        net.model(STANDARD);
    }

    @Test
    @WithManifest("netpol/deny-all.yaml")
    void shouldSupportADefaultDenyAllPolicy(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("*", "x")
                .deny("x", "*"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/allow-y-on-port-81.yaml")
    void shouldEnforcePolicyBasedOnPorts(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("*", "x/a:80")
                .deny("x", "x/a:81")
                .deny("z", "x/a:81"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/allow-y-on-port-81.yaml")
    void shouldEnforceMultipleStackedPoliciesWithOverlappingPodSelectors(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("*", "x/a:80")
                .deny("x", "x/a:81")
                .deny("z", "x/a:81"))
                .stabilityWindow(WINDOW).assertMatches();

        net.applyManifest("netpol/allow-y-on-port-80.yaml"); // a second policy unblocks port 80 for y
        try {
            model.expectFromPolicies().assertSameAs(model.expect()
                    .deny("x", "x/a")
                    .deny("z", "x/a"))
                    .stabilityWindow(WINDOW).assertMatches();
        } finally {
            net.deleteManifest("netpol/allow-y-on-port-80.yaml");
        }
    }

    @Test
    @WithManifest("netpol/allow-ingress-on-named-port-81.yaml")
    void shouldAllowIngressAccessOnOneNamedPort(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("*", "x:80"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/allow-egress-on-named-port-80.yaml")
    void shouldAllowEgressAccessOnOneNamedPort(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("x", "*:81"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/deny-egress-of-pod-a.yaml")
    void shouldDenyEgressFromPodsBasedOnPodSelector(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("x/a", "*"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/x-a-egress-to-y-a.yaml")
    void shouldEnforceEgressPolicyAllowingTrafficToAServerInADifferentNamespaceBasedOnPodSelectorAndNamespaceSelector(
            NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect()
                .deny("x/a", "*")
                .allow("x/a", "y/a"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    @WithManifest("netpol/mutate-allow-all.yaml")
    void shouldEnforceUpdatedPolicy(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        model.expectFromPolicies().assertSameAs(model.expect().allowAll()).stabilityWindow(WINDOW).assertMatches();

        net.applyManifest("netpol/mutate-deny-all.yaml"); // the same policy, its ingress rule removed

        model.expectFromPolicies().assertSameAs(model.expect().deny("*", "x/a"))
                .stabilityWindow(WINDOW).assertMatches();
    }

    @Test
    void shouldStopEnforcingPoliciesAfterTheyAreDeleted(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        net.applyManifest("netpol/deny-all.yaml");
        model.expectFromPolicies().assertSameAs(model.expect().deny("*", "x").deny("x", "*"))
                .stabilityWindow(WINDOW).assertMatches();

        net.deleteManifest("netpol/deny-all.yaml");

        model.expectFromPolicies().assertSameAs(model.expect().allowAll()).stabilityWindow(WINDOW).assertMatches();
    }

    /** The policy names pod IPs, so it is built in Java: egress from x/a to a /4 around it, except x/b. */
    @Test
    void shouldEnforceExceptClauseWhileEgressAccessToServerInCidrBlock(NetTest net) {
        PolicyModel model = net.model(STANDARD);
        NetworkPolicy policy = new NetworkPolicyBuilder()
                .withNewMetadata().withName("deny-client-a-via-except-cidr-egress-rule").endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("pod", "a").endPodSelector()
                .withPolicyTypes("Egress")
                .addNewEgress().addNewTo().withNewIpBlock().withCidr(network(model.podIp("x/a"), 4))
                .withExcept(model.podIp("x/b") + "/32").endIpBlock().endTo().endEgress()
                .endSpec().build();
        var policies = net.kubernetesClient().network().v1().networkPolicies().inNamespace(model.namespace("x"));
        policies.resource(policy).create();
        try {
            model.expectFromPolicies().assertSameAs(model.expect()
                    .deny("x/a", "x/b"))
                    .stabilityWindow(WINDOW).assertMatches();
        } finally {
            policies.withName(policy.getMetadata().getName()).delete();
        }
    }

    /** The IPv4 network of {@code ip}/{@code bits}, as a CIDR. */
    private static String network(String ip, int bits) {
        long address = 0;
        for (String octet : ip.split("\\.")) {
            address = address << 8 | Integer.parseInt(octet);
        }
        long masked = address & (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (masked >> 24 & 255) + "." + (masked >> 16 & 255) + "." + (masked >> 8 & 255) + "." + (masked & 255) + "/" + bits;
    }
}
