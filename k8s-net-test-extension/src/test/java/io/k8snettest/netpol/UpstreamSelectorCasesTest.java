package io.k8snettest.netpol;

import static io.k8snettest.netpol.Policies.policy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Upstream NetworkPolicy e2e cases (kubernetes test/e2e/network/netpol/network_policy.go, "NetworkPolicy
 * between server and client"), selector cases: the engine's computed table must equal upstream's
 * expected table on the full x,y,z x a,b,c model (loopback ignored, as upstream does). The policies and
 * the expectations are the upstream facts, written as YAML and with upstream's table operations.
 */
class UpstreamSelectorCasesTest {

    private final UpstreamModel model = new UpstreamModel();

    /** A policy in x selecting x/a for ingress (upstream's GenNetworkPolicyWithNameAndPodMatchLabel pod=a) with these rules. */
    private static NetworkPolicy ingressToXa(String name, String ingressYaml) {
        return policy("x", "metadata: {name: " + name + "}\nspec:\n  podSelector: {matchLabels: {pod: a}}\n"
                + "  policyTypes: [Ingress]\n  ingress:" + (ingressYaml.startsWith("-") ? "\n" + ingressYaml.indent(2) : " " + ingressYaml));
    }

    @Test
    @DisplayName("should support a 'default-deny-ingress' policy (TCP, UDP, SCTP)")
    void defaultDenyIngress() {
        var deny = policy("x", """
                metadata: {name: deny-ingress}
                spec: {podSelector: {}, policyTypes: [Ingress], ingress: []}
                """);
        for (Protocol protocol : Protocol.values()) { // upstream runs this case over TCP, UDP and SCTP
            model.computed(List.of(deny), 80, protocol).assertEquals(model.expect().expectPeer("", "x", false));
        }
    }

    @Test
    @DisplayName("should support a 'default-deny-all' policy")
    void defaultDenyAll() {
        var deny = policy("x", """
                metadata: {name: deny-all}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress], ingress: [], egress: []}
                """);
        model.computed(List.of(deny), 80, Protocol.TCP)
                .assertEquals(model.expect().expectPeer("", "x", false).expectPeer("x", "", false));
    }

    @Test
    @DisplayName("should enforce policy to allow traffic from pods within server namespace based on PodSelector")
    void podSelectorWithinNamespace() {
        var allow = ingressToXa("x-a-allows-x-b", "[{from: [{podSelector: {matchLabels: {pod: b}}}]}]");
        model.computed(List.of(allow), 80, Protocol.TCP)
                .assertEquals(model.expect().expectAllIngress("x/a", false).expect("x/b", "x/a", true));
    }

    @Test
    @DisplayName("should enforce policy to allow ingress traffic for a target")
    void allowIngressForTarget() {
        var deny = policy("x", "metadata: {name: deny-all}\nspec: {podSelector: {}, policyTypes: [Ingress], ingress: []}");
        var allow = ingressToXa("allow-all-to-a", "[{from: [{podSelector: {}, namespaceSelector: {}}]}]");
        model.computed(List.of(deny, allow), 80, Protocol.TCP).assertEquals(model.expect()
                .expectAllIngress("x/a", true).expectAllIngress("x/b", false).expectAllIngress("x/c", false));
    }

    @Test
    @DisplayName("should enforce policy to allow ingress traffic from pods in all namespaces")
    void allowFromAllNamespaces() {
        var allow = ingressToXa("allow-from-another-ns", "[{from: [{namespaceSelector: {matchLabels: {}}}]}]");
        model.computed(List.of(allow), 80, Protocol.TCP).assertEquals(model.expect());
    }

    @Test
    @DisplayName("should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector")
    void onlyFromOtherNamespace() {
        var allow = ingressToXa("allow-client-a-via-ns-selector", "[{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}}]}]");
        model.computed(List.of(allow), 80, Protocol.TCP)
                .assertEquals(model.expect().expectPeer("x", "x/a", false).expectPeer("z", "x/a", false));
    }

    @Test
    @DisplayName("should enforce policy based on PodSelector with MatchExpressions")
    void podSelectorMatchExpressions() {
        var allow = ingressToXa("x-a-allows-x-b", "[{from: [{podSelector: {matchExpressions: [{key: pod, operator: In, values: [b]}]}}]}]");
        model.computed(List.of(allow), 80, Protocol.TCP)
                .assertEquals(model.expect().expectAllIngress("x/a", false).expect("x/b", "x/a", true));
    }

    @Test
    @DisplayName("should enforce policy based on NamespaceSelector with MatchExpressions")
    void namespaceSelectorMatchExpressions() {
        var allow = ingressToXa("allow-ns-y-match-selector", """
                - from: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [y]}]}}]
                """);
        model.computed(List.of(allow), 80, Protocol.TCP)
                .assertEquals(model.expect().expectPeer("x", "x/a", false).expectPeer("z", "x/a", false));
    }

    @Test
    @DisplayName("should enforce policy based on PodSelector or NamespaceSelector")
    void podSelectorOrNamespaceSelector() {
        var allow = ingressToXa("allow-ns-y-match-selector", """
                - from:
                  - namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [x]}]}
                  - podSelector: {matchLabels: {pod: b}}
                """);
        model.computed(List.of(allow), 80, Protocol.TCP)
                .assertEquals(model.expect().expect("x/a", "x/a", false).expect("x/c", "x/a", false));
    }

    @Test
    @DisplayName("should enforce policy based on PodSelector and NamespaceSelector")
    void podSelectorAndNamespaceSelector() {
        var allow = ingressToXa("allow-ns-y-podselector-and-nsselector", """
                - from:
                  - namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [x]}]}
                    podSelector: {matchLabels: {pod: b}}
                """);
        model.computed(List.of(allow), 80, Protocol.TCP).assertEquals(model.expect()
                .expectAllIngress("x/a", false).expect("y/b", "x/a", true).expect("z/b", "x/a", true));
    }

    @Test
    @DisplayName("should enforce policy based on Multiple PodSelectors and NamespaceSelectors")
    void multiplePodSelectorsAndNamespaceSelectors() {
        var allow = ingressToXa("allow-ns-y-z-pod-b-c", """
                - from:
                  - namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [x]}]}
                    podSelector: {matchExpressions: [{key: pod, operator: In, values: [b, c]}]}
                """);
        model.computed(List.of(allow), 80, Protocol.TCP).assertEquals(model.expect()
                .expectPeer("x", "x/a", false).expect("y/a", "x/a", false).expect("z/a", "x/a", false));
    }

    @Test
    @DisplayName("should enforce policy based on any PodSelectors")
    void anyPodSelectors() {
        var allow = ingressToXa("allow-ns-x-pod-b-c", "[{from: [{podSelector: {matchLabels: {pod: b}}}, {podSelector: {matchLabels: {pod: c}}}]}]");
        model.computed(List.of(allow), 80, Protocol.TCP).assertEquals(model.expect()
                .expectAllIngress("x/a", false).expect("x/b", "x/a", true).expect("x/c", "x/a", true));
    }

    @Test
    @DisplayName("should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector (TCP, UDP, SCTP)")
    void podInOtherNamespace() {
        var allow = ingressToXa("allow-ns-y-pod-a-via-namespace-pod-selector", "[{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}, podSelector: {matchLabels: {pod: a}}}]}]");
        for (Protocol protocol : Protocol.values()) { // upstream runs this case over TCP, UDP and SCTP
            model.computed(List.of(allow), 80, protocol)
                    .assertEquals(model.expect().expectAllIngress("x/a", false).expect("y/a", "x/a", true));
        }
    }

    @Test
    @DisplayName("should deny ingress from pods on other namespaces")
    void denyFromOtherNamespaces() {
        var policy = policy("x", """
                metadata: {name: deny-empty-policy}
                spec: {podSelector: {}, policyTypes: [Ingress], ingress: [{from: [{podSelector: {matchLabels: {}}}]}]}
                """);
        model.computed(List.of(policy), 80, Protocol.TCP)
                .assertEquals(model.expect().expectPeer("y", "x", false).expectPeer("z", "x", false));
    }

    @Test
    @DisplayName("should enforce policy based on NamespaceSelector with MatchExpressions using default ns label (egress)")
    void egressNamespaceSelectorDefaultLabel() {
        var allow = policy("x", """
                metadata: {name: allow-ns-y-match-selector-for-immutable-ns-label}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  policyTypes: [Egress]
                  egress: [{to: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [y]}]}}]}]
                """);
        model.computed(List.of(allow), 80, Protocol.TCP).assertEquals(model.expect().expectPeer("x/a", "y", false));
    }
}
