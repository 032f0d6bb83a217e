package io.k8snettest.netpol;

import static io.k8snettest.netpol.Fixture.allowed;
import static io.k8snettest.netpol.Fixture.engine;
import static io.k8snettest.netpol.Fixture.pod;
import static io.k8snettest.netpol.Policies.policy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Peers (from/to): each rule with the nearest mistake it is told apart from. */
class PeerSemanticsTest {

    private final PodInfo xa = pod("x/a", "pod=a", "10.0.0.1");
    private final PodInfo xb = pod("x/b", "pod=b", "10.0.0.2");
    private final PodInfo yb = pod("y/b", "pod=b", "10.0.1.2");
    private final PodInfo ya = pod("y/a", "pod=a", "10.0.1.1");
    private final PodInfo zb = pod("z/b", "pod=b", "10.0.2.2");

    private PolicyEngine ingressToXa(String from) {
        return engine(policy("x", """
                metadata: {name: to-a}
                spec: {podSelector: {matchLabels: {pod: a}}, ingress: [{from: %s}]}
                """.formatted(from)));
    }

    @Test
    @DisplayName("podSelector alone selects pods of the policy's namespace; mistake: pods with those labels anywhere")
    void podSelectorAloneIsOwnNamespace() {
        var engine = ingressToXa("[{podSelector: {matchLabels: {pod: b}}}]");
        assertThat(allowed(engine, xb, xa, 80)).isTrue();
        assertThat(allowed(engine, yb, xa, 80)).isFalse();
    }

    @Test
    @DisplayName("namespaceSelector alone admits every pod of the matching namespaces; mistake: only pods the podSelector of the policy matches")
    void namespaceSelectorAloneIsAllPods() {
        var engine = ingressToXa("[{namespaceSelector: {matchLabels: {team: green}}}]");
        assertThat(allowed(engine, ya, xa, 80)).isTrue();
        assertThat(allowed(engine, yb, xa, 80)).isTrue();
        assertThat(allowed(engine, xb, xa, 80)).as("its own namespace only when the selector matches it").isFalse();
    }

    @Test
    @DisplayName("podSelector and namespaceSelector in one peer is an AND; mistake: an OR")
    void bothInOnePeerIsAnd() {
        var engine = ingressToXa("[{namespaceSelector: {matchLabels: {team: green}}, podSelector: {matchLabels: {pod: b}}}]");
        assertThat(allowed(engine, yb, xa, 80)).isTrue();
        assertThat(allowed(engine, ya, xa, 80)).as("namespace matches, pod does not").isFalse();
        assertThat(allowed(engine, xb, xa, 80)).as("pod matches, namespace does not").isFalse();
    }

    @Test
    @DisplayName("two peers are an OR; mistake: an AND (the one-character YAML difference '- podSelector')")
    void twoPeersAreOr() {
        var engine = ingressToXa("[{namespaceSelector: {matchLabels: {team: green}}}, {podSelector: {matchLabels: {pod: b}}}]");
        assertThat(allowed(engine, ya, xa, 80)).isTrue();
        assertThat(allowed(engine, xb, xa, 80)).isTrue();
        assertThat(allowed(engine, zb, xa, 80)).as("in neither").isFalse();
    }

    @Test
    @DisplayName("namespaceSelector {} matches all namespaces; mistake: treating it like an absent namespaceSelector (own namespace)")
    void emptyNamespaceSelectorIsAllNamespaces() {
        var all = ingressToXa("[{namespaceSelector: {}, podSelector: {matchLabels: {pod: b}}}]");
        var own = ingressToXa("[{podSelector: {matchLabels: {pod: b}}}]");
        assertThat(allowed(all, zb, xa, 80)).isTrue();
        assertThat(allowed(own, zb, xa, 80)).isFalse();
    }

    @Test
    @DisplayName("podSelector {} in a peer matches every pod of the namespace; mistake: no pod")
    void emptyPodSelectorIsAllPods() {
        var engine = ingressToXa("[{podSelector: {}}]");
        assertThat(allowed(engine, xb, xa, 80)).isTrue();
        assertThat(allowed(engine, yb, xa, 80)).isFalse();
    }

    @Test
    @DisplayName("selectors never match an address outside the model; mistake: namespaceSelector {} admits the world")
    void selectorsDoNotMatchExternalIps() {
        var engine = ingressToXa("[{namespaceSelector: {}}]");
        assertThat(engine.explain(Cell.tcp(new ExternalIp("192.0.2.7"), xa, 80)).allowed()).isFalse();
        assertThat(allowed(engine, zb, xa, 80)).isTrue();
    }

    @Test
    @DisplayName("ipBlock matches by address, pod IPs included; mistake: ipBlock only matches addresses outside the cluster")
    void ipBlockMatchesPodIps() {
        var engine = ingressToXa("[{ipBlock: {cidr: 10.0.1.0/24}}]");
        assertThat(allowed(engine, ya, xa, 80)).isTrue();
        assertThat(allowed(engine, zb, xa, 80)).isFalse();
        assertThat(engine.explain(Cell.tcp(new ExternalIp("10.0.1.200"), xa, 80)).allowed()).isTrue();
    }

    @Test
    @DisplayName("ipBlock except removes addresses from the cidr; mistake: except ignored, or except admitting")
    void ipBlockExcept() {
        var engine = ingressToXa("[{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.1.0/24]}}]");
        assertThat(allowed(engine, zb, xa, 80)).isTrue();
        assertThat(allowed(engine, ya, xa, 80)).isFalse();
        assertThat(allowed(engine, xb, xa, 80)).isTrue();
    }

    @Test
    @DisplayName("an excepted address is admitted by another peer; mistake: except vetoes the whole rule")
    void exceptIsPerPeer() {
        var engine = ingressToXa("[{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.1.0/24]}}, {namespaceSelector: {matchLabels: {team: green}}}]");
        assertThat(allowed(engine, ya, xa, 80)).isTrue();
    }

    @Test
    @DisplayName("IPv6 ipBlock matches IPv6 addresses only; mistake: comparing the low bits of addresses of another family")
    void ipv6Blocks() {
        PodInfo v6 = pod("y/v6", "pod=v6", "fd00:10::5");
        PodInfo v4 = pod("y/v4", "pod=v4", "0.0.0.5");
        var engine = ingressToXa("[{ipBlock: {cidr: \"fd00:10::/64\", except: [\"fd00:10::4/126\"]}}, {ipBlock: {cidr: \"::/0\"}}]");
        assertThat(allowed(engine, v6, xa, 80)).as("excepted by the first peer, admitted by ::/0").isTrue();
        assertThat(allowed(engine, v4, xa, 80)).as("::/0 is all IPv6, no IPv4").isFalse();
        var narrow = ingressToXa("[{ipBlock: {cidr: \"fd00:10::/64\", except: [\"fd00:10::4/126\"]}}]");
        assertThat(allowed(narrow, v6, xa, 80)).isFalse();
        assertThat(allowed(narrow, pod("y/v6b", "", "fd00:10::8"), xa, 80)).isTrue();
    }

    @Test
    @DisplayName("a pod without an IP matches no ipBlock; mistake: a null address matching 0.0.0.0/0")
    void podWithoutIp() {
        var engine = ingressToXa("[{ipBlock: {cidr: 0.0.0.0/0}}]");
        assertThat(allowed(engine, pod("y/pending", "pod=p", null), xa, 80)).isFalse();
        assertThat(allowed(engine, ya, xa, 80)).isTrue();
    }

    @Test
    @DisplayName("egress to: peers match the destination; mistake: matching the source against them")
    void egressPeersMatchDestination() {
        var engine = engine(policy("x", """
                metadata: {name: a-to-green}
                spec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress], egress: [{to: [{namespaceSelector: {matchLabels: {team: green}}}]}]}
                """));
        assertThat(allowed(engine, xa, yb, 80)).isTrue();
        assertThat(allowed(engine, xa, xb, 80)).isFalse();
    }
}
