package io.k8snettest.netpol;

import static io.k8snettest.netpol.Policies.policy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Upstream NetworkPolicy e2e cases about ports and protocols (kubernetes
 * test/e2e/network/netpol/network_policy.go): the engine's computed table equals upstream's expected
 * table for every port and protocol the case probes (loopback ignored).
 */
class UpstreamPortCasesTest {

    private final UpstreamModel model = new UpstreamModel();

    private static NetworkPolicy fromYOnPort(String name, String port, String protocol) {
        return policy("x", """
                metadata: {name: %s}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  policyTypes: [Ingress]
                  ingress:
                  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}}]
                    ports: [{port: %s, protocol: %s}]
                """.formatted(name, port, protocol));
    }

    @Test
    @DisplayName("should enforce policy based on Ports (TCP, and the UDP and SCTP variants)")
    void ports() {
        for (Protocol protocol : Protocol.values()) {
            var allow81 = fromYOnPort("allow-client-a-via-ns-selector", "81", protocol.name());
            model.computed(List.of(allow81), 81, protocol).assertEquals(model.expect()
                    .expectPeer("x", "x/a", false).expectPeer("y", "x/a", true).expectPeer("z", "x/a", false));
        }
    }

    @Test
    @DisplayName("should enforce multiple, stacked policies with overlapping podSelectors")
    void stackedPolicies() {
        var allow81 = fromYOnPort("allow-client-a-via-ns-selector", "81", "TCP");
        Truth allowFromY = model.expect()
                .expectPeer("x", "x/a", false).expectPeer("y", "x/a", true).expectPeer("z", "x/a", false);
        model.computed(List.of(allow81), 81, Protocol.TCP).assertEquals(allowFromY);
        model.computed(List.of(allow81), 80, Protocol.TCP).assertEquals(model.expect().expectAllIngress("x/a", false));

        var allow80 = fromYOnPort("allow-client-a-via-ns-selector-80", "80", "TCP");
        model.computed(List.of(allow81, allow80), 80, Protocol.TCP).assertEquals(allowFromY);
    }

    @Test
    @DisplayName("should support allow-all policy")
    void allowAll() {
        var allowAll = policy("x", "metadata: {name: allow-all}\nspec: {podSelector: {}, policyTypes: [Ingress], ingress: [{}]}");
        model.computed(List.of(allowAll), 80, Protocol.TCP).assertEquals(model.expect());
        model.computed(List.of(allowAll), 81, Protocol.TCP).assertEquals(model.expect());
    }

    @Test
    @DisplayName("should allow ingress access on one named port")
    void ingressOnOneNamedPort() {
        var allow = policy("x", """
                metadata: {name: allow-all}
                spec: {podSelector: {}, policyTypes: [Ingress], ingress: [{ports: [{port: serve-81-tcp}]}]}
                """);
        model.computed(List.of(allow), 81, Protocol.TCP).assertEquals(model.expect());
        model.computed(List.of(allow), 80, Protocol.TCP).assertEquals(model.expect().expectPeer("", "x", false));
    }

    @Test
    @DisplayName("should allow ingress access from namespace on one named port")
    void ingressFromNamespaceOnNamedPort() {
        var allow = fromYOnPort("allow-client-a-via-ns-selector-80", "serve-80-tcp", "TCP");
        model.computed(List.of(allow), 80, Protocol.TCP)
                .assertEquals(model.expect().expectPeer("x", "x/a", false).expectPeer("z", "x/a", false));
        model.computed(List.of(allow), 81, Protocol.TCP).assertEquals(model.expect().expectAllIngress("x/a", false));
    }

    @Test
    @DisplayName("should allow egress access on one named port")
    void egressOnOneNamedPort() {
        var allow = policy("x", """
                metadata: {name: allow-egress}
                spec: {podSelector: {}, policyTypes: [Egress], egress: [{ports: [{port: serve-80-tcp}]}]}
                """);
        model.computed(List.of(allow), 80, Protocol.TCP).assertEquals(model.expect());
        model.computed(List.of(allow), 81, Protocol.TCP).assertEquals(model.expect().expectPeer("x", "", false));
    }

    @Test
    @DisplayName("should work with Ingress, Egress specified together")
    void ingressAndEgressTogether() {
        var policy = policy("x", """
                metadata: {name: allow-client-a-via-pod-selector}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  policyTypes: [Egress, Ingress]
                  ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}]
                  egress: [{ports: [{port: 80}]}]
                """);
        model.computed(List.of(policy), 80, Protocol.TCP)
                .assertEquals(model.expect().expectAllIngress("x/a", false).expect("x/b", "x/a", true));
        model.computed(List.of(policy), 81, Protocol.TCP).assertEquals(model.expect()
                .expectAllIngress("x/a", false).expectAllEgress("x/a", false).expect("x/b", "x/a", true));
    }

    @Test
    @DisplayName("should enforce ingress policy allowing any port traffic to a server on a specific protocol")
    void anyPortOnOneProtocol() {
        var allow = policy("x", """
                metadata: {name: allow-ingress-by-proto}
                spec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress], ingress: [{ports: [{protocol: TCP}]}]}
                """);
        model.computed(List.of(allow), 80, Protocol.TCP).assertEquals(model.expect());
        model.computed(List.of(allow), 80, Protocol.UDP).assertEquals(model.expect().expectPeer("", "x/a", false));
    }

    @Test
    @DisplayName("should enforce multiple ingress policies with ingress allow-all policy taking precedence")
    void ingressAllowAllTakesPrecedence() {
        var only80 = policy("x", "metadata: {name: allow-ingress-port-80}\nspec: {podSelector: {}, policyTypes: [Ingress], ingress: [{ports: [{port: 80}]}]}");
        model.computed(List.of(only80), 81, Protocol.TCP).assertEquals(model.expect().expectPeer("", "x", false));
        var allowAll = policy("x", "metadata: {name: allow-ingress}\nspec: {podSelector: {}, policyTypes: [Ingress], ingress: [{}]}");
        model.computed(List.of(only80, allowAll), 81, Protocol.TCP).assertEquals(model.expect());
    }

    @Test
    @DisplayName("should enforce multiple egress policies with egress allow-all policy taking precedence")
    void egressAllowAllTakesPrecedence() {
        var only80 = policy("x", "metadata: {name: allow-egress-port-80}\nspec: {podSelector: {}, policyTypes: [Egress], egress: [{ports: [{port: 80}]}]}");
        model.computed(List.of(only80), 81, Protocol.TCP).assertEquals(model.expect().expectPeer("x", "", false));
        var allowAll = policy("x", "metadata: {name: allow-egress}\nspec: {podSelector: {}, policyTypes: [Egress], egress: [{}]}");
        model.computed(List.of(only80, allowAll), 81, Protocol.TCP).assertEquals(model.expect());
    }

    @Test
    @DisplayName("should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP")
    void sctpIsNotTcp() {
        var deny = policy("x", "metadata: {name: deny-ingress}\nspec: {podSelector: {}, policyTypes: [Ingress], ingress: []}");
        var sctp = policy("x", """
                metadata: {name: allow-only-sctp-ingress-on-port-81}
                spec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress], ingress: [{ports: [{port: 81, protocol: SCTP}]}]}
                """);
        model.computed(List.of(deny, sctp), 81, Protocol.TCP).assertEquals(model.expect().expectPeer("", "x", false));
    }

    @Test
    @DisplayName("should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP")
    void sctpPolicyIsolatesForTcp() {
        var sctp = policy("x", """
                metadata: {name: allow-only-sctp-ingress-on-port-80}
                spec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress], ingress: [{ports: [{port: 80, protocol: SCTP}]}]}
                """);
        model.computed(List.of(sctp), 81, Protocol.TCP).assertEquals(model.expect().expectAllIngress("x/a", false));
    }

    @Test
    @DisplayName("should not allow access by TCP when a policy specifies only UDP")
    void udpIsNotTcp() {
        var udp = policy("x", """
                metadata: {name: allow-only-udp-ingress-on-port-81}
                spec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Ingress], ingress: [{ports: [{port: 81, protocol: UDP}]}]}
                """);
        model.computed(List.of(udp), 81, Protocol.TCP).assertEquals(model.expect().expectAllIngress("x/a", false));
    }
}
