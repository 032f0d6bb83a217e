package io.k8snettest.netpol;

import static io.k8snettest.netpol.Fixture.allowed;
import static io.k8snettest.netpol.Fixture.engine;
import static io.k8snettest.netpol.Fixture.pod;
import static io.k8snettest.netpol.Policies.policy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which pods a policy isolates, in which direction, and how policies combine. Each test pairs the
 * rule with the nearest mistake an engine (or a reader) could make, and shows the two apart.
 */
class IsolationSemanticsTest {

    private final PodInfo xa = pod("x/a", "pod=a", "10.0.0.1");
    private final PodInfo xb = pod("x/b", "pod=b", "10.0.0.2");
    private final PodInfo ya = pod("y/a", "pod=a", "10.0.1.1");

    @Test
    @DisplayName("a pod no policy selects is open; mistake: a policy in the namespace isolates every pod of it")
    void unselectedPodIsOpen() {
        var engine = engine(policy("x", "metadata: {name: deny-a}\nspec: {podSelector: {matchLabels: {pod: a}}, ingress: []}"));
        assertThat(allowed(engine, ya, xa, 80)).isFalse();
        assertThat(allowed(engine, ya, xb, 80)).isTrue();
    }

    @Test
    @DisplayName("a policy selects pods of its own namespace only; mistake: its podSelector matches pods anywhere")
    void policySelectsOwnNamespaceOnly() {
        var engine = engine(policy("x", "metadata: {name: deny-all}\nspec: {podSelector: {}, ingress: []}"));
        assertThat(allowed(engine, xb, xa, 80)).isFalse();
        assertThat(allowed(engine, xa, ya, 80)).isTrue();
    }

    @Test
    @DisplayName("ingress and egress must both allow; mistake: a target's ingress allow-all overrides the source's egress deny")
    void bothDirectionsMustAllow() {
        var egressDeny = policy("x", "metadata: {name: deny-egress}\nspec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress]}");
        var ingressAllow = policy("y", "metadata: {name: allow-all}\nspec: {podSelector: {}, ingress: [{}]}");
        var engine = engine(egressDeny, ingressAllow);
        assertThat(allowed(engine, xa, ya, 80)).isFalse();
        assertThat(allowed(engine, xb, ya, 80)).isTrue();
        assertThat(allowed(engine, ya, xa, 80)).as("egress isolation of x/a does not touch its ingress").isTrue();
    }

    @Test
    @DisplayName("policies add up: one admitting rule of any selecting policy allows; mistake: a deny-all policy wins")
    void policiesAreAdditive() {
        var denyAll = policy("x", "metadata: {name: deny-all}\nspec: {podSelector: {}, ingress: []}");
        var allowB = policy("x", "metadata: {name: allow-b}\nspec: {podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}]}");
        var engine = engine(denyAll, allowB);
        assertThat(allowed(engine, xb, xa, 80)).isTrue();
        assertThat(allowed(engine, ya, xa, 80)).isFalse();
    }

    @Test
    @DisplayName("policyTypes absent, no egress rules: Ingress only; mistake: the policy isolates egress too")
    void policyTypesDefaultIngressOnly() {
        var engine = engine(policy("x", "metadata: {name: ingress-only}\nspec: {podSelector: {}, ingress: []}"));
        assertThat(allowed(engine, ya, xa, 80)).isFalse();
        assertThat(allowed(engine, xa, ya, 80)).isTrue();
    }

    @Test
    @DisplayName("policyTypes absent, egress rules present: Ingress and Egress; mistake: only Egress, leaving ingress open")
    void policyTypesDefaultWithEgressRules() {
        var engine = engine(policy("x", """
                metadata: {name: egress-to-y}
                spec: {podSelector: {matchLabels: {pod: a}}, egress: [{to: [{namespaceSelector: {matchLabels: {team: green}}}]}]}
                """));
        assertThat(allowed(engine, xa, ya, 80)).isTrue();
        assertThat(allowed(engine, xa, xb, 80)).isFalse();
        assertThat(allowed(engine, xb, xa, 80)).as("Ingress is always a type: no ingress rules, nothing admitted").isFalse();
    }

    @Test
    @DisplayName("policyTypes [Egress] without rules: ingress stays open; mistake: Ingress is implied even when policyTypes is given")
    void explicitEgressOnly() {
        var engine = engine(policy("x", "metadata: {name: deny-egress}\nspec: {podSelector: {}, policyTypes: [Egress]}"));
        assertThat(allowed(engine, ya, xa, 80)).isTrue();
        assertThat(allowed(engine, xa, ya, 80)).isFalse();
    }

    @Test
    @DisplayName("rules of a direction not in policyTypes are ignored; mistake: ingress rules apply although policyTypes is [Egress]")
    void rulesOutsidePolicyTypesIgnored() {
        var engine = engine(policy("x", """
                metadata: {name: odd}
                spec: {podSelector: {}, policyTypes: [Egress], ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}], egress: [{}]}
                """));
        assertThat(allowed(engine, ya, xa, 80)).as("ingress not isolated").isTrue();
    }

    @Test
    @DisplayName("ingress: [] isolates and admits nothing; mistake: an empty rule list means no restriction")
    void emptyRuleListDenies() {
        var engine = engine(policy("x", "metadata: {name: deny}\nspec: {podSelector: {}, policyTypes: [Ingress], ingress: []}"));
        assertThat(allowed(engine, xb, xa, 80)).isFalse();
    }

    @Test
    @DisplayName("ingress: [{}] admits every source on every port; mistake: an empty rule admits nothing")
    void emptyRuleAllows() {
        var engine = engine(policy("x", "metadata: {name: allow}\nspec: {podSelector: {}, policyTypes: [Ingress], ingress: [{}]}"));
        assertThat(allowed(engine, ya, xa, 80)).isTrue();
        assertThat(engine.explain(new Cell(new ExternalIp("192.0.2.7"), xa, 9999, Protocol.UDP)).allowed()).isTrue();
    }

    @Test
    @DisplayName("from: [] and ports: [] mean all, like absent; mistake: an empty list matches nothing")
    void emptyFromAndPortsMeanAll() {
        var engine = engine(policy("x", "metadata: {name: allow}\nspec: {podSelector: {}, ingress: [{from: [], ports: []}]}"));
        assertThat(allowed(engine, ya, xa, 81)).isTrue();
    }

    @Test
    @DisplayName("an external source skips egress, an external target skips ingress; mistake: treating them as unselected pods of a namespace")
    void externalEndsHaveNoPolicies() {
        var denyAll = policy("x", "metadata: {name: deny-all}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}");
        var engine = engine(denyAll);
        ExternalIp outside = new ExternalIp("192.0.2.7");
        Verdict in = engine.explain(Cell.tcp(outside, xa, 80));
        assertThat(in.allowed()).isFalse();
        assertThat(in.egress().applies()).isFalse();
        Verdict toOutsideFromY = engine.explain(Cell.tcp(ya, outside, 80));
        assertThat(toOutsideFromY.allowed()).isTrue();
        assertThat(toOutsideFromY.ingress().applies()).isFalse();
    }
}
