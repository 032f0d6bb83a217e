package io.k8snettest.netpol;

import static io.k8snettest.netpol.Policies.policy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upstream NetworkPolicy e2e cases about egress, ipBlocks and changes (kubernetes
 * test/e2e/network/netpol/network_policy.go): the engine's computed table equals upstream's expected
 * table (loopback ignored). The ipBlock cases run on IPv4 and on IPv6 pod IPs, with the CIDRs built as
 * upstream builds them (the pod's host CIDR, the /4 around it).
 */
class UpstreamEgressCasesTest {

    private final UpstreamModel model = new UpstreamModel();
    /** Upstream's egress policy of x/a allowing only y/a (namespace and pod selector in one peer). */
    private final NetworkPolicy egress = policy("x", """
                metadata: {name: allow-to-ns-y-pod-a}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  policyTypes: [Egress]
                  egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}, podSelector: {matchLabels: {pod: a}}}]}]
                """);

    @Test
    @DisplayName("should deny egress from pods based on PodSelector")
    void denyEgressByPodSelector() {
        var deny = policy("x", "metadata: {name: deny-egress-pod-a}\nspec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress], egress: []}");
        model.computed(List.of(deny), 80, Protocol.TCP).assertEquals(model.expect().expectAllEgress("x/a", false));
    }

    @Test
    @DisplayName("should deny egress from all pods in a namespace")
    void denyEgressFromNamespace() {
        var deny = policy("x", "metadata: {name: deny-egress-ns-x}\nspec: {podSelector: {}, policyTypes: [Egress], egress: []}");
        model.computed(List.of(deny), 80, Protocol.TCP).assertEquals(model.expect().expectPeer("x", "", false));
    }

    @Test
    @DisplayName("should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)")
    void egressDeniesWhatIngressAllows() {
        String ingress = """
                metadata: {name: allow-from-xa-on-y%s-match-selector}
                spec:
                  podSelector: {matchLabels: {pod: %s}}
                  policyTypes: [Ingress]
                  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: x}}, podSelector: {matchLabels: {pod: a}}}]}]
                """;
        List<NetworkPolicy> policies = List.of(egress, policy("y", ingress.formatted("a", "a")), policy("y", ingress.formatted("b", "b")));
        model.computed(policies, 80, Protocol.TCP).assertEquals(model.expect()
                .expectPeer("x/a", "", false).expectPeer("", "y/a", false)
                .expectPeer("x/a", "y/a", true).expectPeer("", "y/b", false));
    }

    @Test
    @DisplayName("should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector")
    void egressToOtherNamespace() {
        model.computed(List.of(egress), 80, Protocol.TCP)
                .assertEquals(model.expect().expectAllEgress("x/a", false).expect("x/a", "y/a", true));
    }

    @Test
    @DisplayName("should stop enforcing policies after they are deleted")
    void deletedPolicies() {
        var deny = policy("x", "metadata: {name: deny-all}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress], ingress: [], egress: []}");
        model.computed(List.of(deny), 80, Protocol.TCP)
                .assertEquals(model.expect().expectPeer("x", "", false).expectPeer("", "x", false));
        model.computed(List.of(), 80, Protocol.TCP).assertEquals(model.expect());
    }

    @Test
    @DisplayName("should enforce updated policy")
    void updatedPolicy() {
        String yaml = "metadata: {name: allow-all-mutate-to-deny-all}\nspec: {podSelector: {}, policyTypes: [Ingress], ingress: %s}";
        model.computed(List.of(policy("x", yaml.formatted("[{}]"))), 81, Protocol.TCP).assertEquals(model.expect());
        model.computed(List.of(policy("x", yaml.formatted("[]"))), 81, Protocol.TCP)
                .assertEquals(model.expect().expectPeer("", "x", false));
    }

    @Test
    @DisplayName("should allow ingress access from updated namespace")
    void updatedNamespace() {
        var allow = policy("x", """
                metadata: {name: allow-client-a-via-ns-selector}
                spec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress], ingress: [{from: [{namespaceSelector: {matchLabels: {ns2: updated}}}]}]}
                """);
        model.computed(List.of(allow), 80, Protocol.TCP).assertEquals(model.expect().expectAllIngress("x/a", false));
        model.labelNamespace("y", "ns2", "updated");
        model.computed(List.of(allow), 80, Protocol.TCP)
                .assertEquals(model.expect().expectAllIngress("x/a", false).expectPeer("y", "", true));
    }

    @Test
    @DisplayName("should allow ingress access from updated pod")
    void updatedPod() {
        var allow = policy("x", """
                metadata: {name: allow-client-a-via-pod-selector}
                spec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress], ingress: [{from: [{podSelector: {matchLabels: {pod: b, pod2: updated}}}]}]}
                """);
        model.computed(List.of(allow), 80, Protocol.TCP).assertEquals(model.expect().expectAllIngress("x/a", false));
        model.labelPod("x/b", "pod2", "updated");
        model.computed(List.of(allow), 80, Protocol.TCP)
                .assertEquals(model.expect().expectAllIngress("x/a", false).expect("x/b", "x/a", true));
    }

    @Test
    @DisplayName("should deny ingress access to updated pod")
    void denyUpdatedPod() {
        var deny = policy("x", "metadata: {name: deny-ingress-via-label-selector}\nspec: {podSelector: {matchLabels: {target: isolated}}, policyTypes: [Ingress], ingress: []}");
        model.computed(List.of(deny), 80, Protocol.TCP).assertEquals(model.expect());
        model.labelPod("x/a", "target", "isolated");
        model.computed(List.of(deny), 80, Protocol.TCP).assertEquals(model.expect().expectAllIngress("x/a", false));
    }

    @Test
    @DisplayName("should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector")
    void ingressAndEgressIndependent() {
        var allowEgress = policy("x", "metadata: {name: allow-egress-for-target}\nspec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress], egress: [{}]}");
        model.computed(List.of(allowEgress), 80, Protocol.TCP).assertEquals(model.expect());
        var denyIngress = policy("x", "metadata: {name: deny-ingress-via-label-selector}\nspec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress], ingress: []}");
        model.computed(List.of(allowEgress, denyIngress), 80, Protocol.TCP)
                .assertEquals(model.expect().expectAllIngress("x/a", false));
    }

    @ParameterizedTest(name = "ipv6={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("should allow egress access to server in CIDR block")
    void egressToCidr(boolean ipv6) {
        UpstreamModel family = new UpstreamModel(ipv6);
        var allow = policy("x", cidrEgress(family.hostCidr("y/b"), List.of()));
        family.computed(List.of(allow), 80, Protocol.TCP)
                .assertEquals(family.expect().expectAllEgress("x/a", false).expect("x/a", "y/b", true));
    }

    @ParameterizedTest(name = "ipv6={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("should enforce except clause while egress access to server in CIDR block")
    void egressExcept(boolean ipv6) {
        UpstreamModel family = new UpstreamModel(ipv6);
        var allow = policy("x", cidrEgress(family.largeCidr("x/b"), List.of(family.hostCidr("x/b"))));
        family.computed(List.of(allow), 80, Protocol.TCP).assertEquals(family.expect().expect("x/a", "x/b", false));
    }

    @ParameterizedTest(name = "ipv6={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed")
    void cidrOverlappingExcept(boolean ipv6) {
        UpstreamModel family = new UpstreamModel(ipv6);
        var except = policy("x", cidrEgress(family.largeCidr("x/b"), List.of(family.hostCidr("x/b"))));
        family.computed(List.of(except), 80, Protocol.TCP).assertEquals(family.expect().expect("x/a", "x/b", false));
        // upstream updates the same policy (same name) to allow only x/b's host CIDR
        var updated = policy("x", cidrEgress(family.hostCidr("x/b"), List.of()));
        family.computed(List.of(updated), 80, Protocol.TCP)
                .assertEquals(family.expect().expectAllEgress("x/a", false).expect("x/a", "x/b", true));
    }

    private static String cidrEgress(String cidr, List<String> except) {
        return """
                metadata: {name: allow-client-a-via-cidr-egress-rule}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  policyTypes: [Egress]
                  egress: [{to: [{ipBlock: {cidr: "%s", except: [%s]}}]}]
                """.formatted(cidr, String.join(", ", except.stream().map(e -> "\"" + e + "\"").toList()));
    }
}
