package io.k8snettest.netpol;

import static io.k8snettest.netpol.Fixture.pod;
import static io.k8snettest.netpol.Policies.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every verdict says why, in the same words whatever order the policies came in. */
class ExplanationTest {

    private final PodInfo xa = pod("x/a", "pod=a", "10.0.0.1", ContainerPort.tcp("http", 80));
    private final PodInfo yb = pod("y/b", "pod=b", "10.0.1.2");
    private final PodInfo xweb = pod("x/w", "role=web", "10.0.0.3");
    private final List<NamespaceInfo> namespaces = List.of(NamespaceInfo.of("x", Map.of("ns", "x")), NamespaceInfo.of("y", Map.of("ns", "y")));
    private final NetworkPolicy denyAll = policy("x", "metadata: {name: deny-all}\nspec: {podSelector: {}, policyTypes: [Ingress]}");
    private final NetworkPolicy allowWeb = policy("x", """
            metadata: {name: allow-web}
            spec:
              podSelector: {}
              ingress: [{from: [{podSelector: {matchLabels: {role: web}}, namespaceSelector: {matchLabels: {ns: x}}}]}]
            """);

    private Verdict explain(List<NetworkPolicy> policies, Endpoint from, Endpoint to, int port) {
        return new PolicyEngine(policies, namespaces).explain(Cell.tcp(from, to, port));
    }

    @Test
    @DisplayName("a denial names the selecting policies and what each admits (the issue's example)")
    void deniedByIngress() {
        Verdict verdict = explain(List.of(denyAll, allowWeb), yb, xa, 80);
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).isEqualTo("denied: ingress to x/a:80/TCP from y/b: x/a is selected by x/allow-web"
                + " and x/deny-all; no ingress rule admits y/b on 80/TCP (x/allow-web admits pods with role=web in"
                + " namespaces with ns=x on any port; x/deny-all admits nothing)");
        assertThat(verdict.ingress().selectedBy()).containsExactly("x/allow-web", "x/deny-all");
        assertThat(verdict.ingress().admissions()).isEmpty();
    }

    @Test
    @DisplayName("an allowed cell names the admitting policy, rule, peer and port, and the open direction")
    void allowedNamesTheRule() {
        Verdict verdict = explain(List.of(denyAll, allowWeb), xweb, xa, 80);
        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.reason()).isEqualTo("allowed: ingress to x/a:80/TCP from x/w: x/a is selected by x/allow-web"
                + " and x/deny-all; admitted by x/allow-web ingress[0] (from[0]: pods with role=web in namespaces with"
                + " ns=x; ports: any port) | egress from x/w to x/a:80/TCP: no egress policy selects x/w");
        Admission admission = verdict.ingress().admissions().get(0);
        assertThat(admission.policy()).isEqualTo("x/allow-web");
        assertThat(admission.rule()).isEqualTo("ingress[0]");
        assertThat(admission.peer()).isZero();
        assertThat(admission.port()).isEqualTo(-1);
    }

    @Test
    @DisplayName("a rule whose peer matches but whose ports do not is named as a near miss, with the named port's resolution")
    void nearMiss() {
        NetworkPolicy ports = policy("x", """
                metadata: {name: web-ports}
                spec: {podSelector: {}, ingress: [{from: [{namespaceSelector: {}}], ports: [{port: 443}, {port: metrics}]}]}
                """);
        Verdict verdict = explain(List.of(ports), yb, xa, 80);
        assertThat(verdict.reason()).endsWith("; x/web-ports ingress[0] admits y/b but only on 443/TCP, named port"
                + " metrics/TCP (x/a has no TCP container port named metrics)");
        assertThat(verdict.ingress().misses()).hasSize(1);
    }

    @Test
    @DisplayName("a denial on both sides says both; egress lists what the source's policies admit")
    void deniedBothWays() {
        NetworkPolicy egress = policy("y", """
                metadata: {name: only-dns}
                spec: {podSelector: {}, policyTypes: [Egress], egress: [{ports: [{port: 53, protocol: UDP}]}]}
                """);
        Verdict verdict = explain(List.of(denyAll, egress), yb, xa, 80);
        assertThat(verdict.reason()).startsWith("denied: ingress to x/a:80/TCP from y/b: x/a is selected by x/deny-all;")
                .contains(" | egress from y/b to x/a:80/TCP: y/b is selected by y/only-dns; no egress rule admits x/a"
                        + " on 80/TCP (y/only-dns admits any destination on 53/UDP)");
    }

    @Test
    @DisplayName("an ipBlock, several rules and an external source read in words")
    void ipBlockInWords() {
        NetworkPolicy policy = policy("x", """
                metadata: {name: edge}
                spec:
                  podSelector: {matchExpressions: [{key: pod, operator: In, values: [a]}]}
                  ingress:
                  - from: [{ipBlock: {cidr: 192.0.2.0/24, except: [192.0.2.128/25]}}]
                    ports: [{port: 8000, endPort: 8080}]
                  - from: [{podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [db]}, {key: canary, operator: DoesNotExist}]}}]
                """);
        Verdict verdict = explain(List.of(policy), new ExternalIp("192.0.2.200"), xa, 8080);
        assertThat(verdict.reason()).isEqualTo("denied: ingress to x/a:8080/TCP from 192.0.2.200: x/a is selected by x/edge;"
                + " no ingress rule admits 192.0.2.200 on 8080/TCP (x/edge admits IPs in 192.0.2.0/24 except"
                + " 192.0.2.128/25 on 8000-8080/TCP; or pods with tier notin (db),!canary in namespace x on any port)");
        assertThat(explain(List.of(policy), new ExternalIp("192.0.2.9"), xa, 8080).reason())
                .isEqualTo("allowed: ingress to x/a:8080/TCP from 192.0.2.9: x/a is selected by x/edge; admitted by x/edge"
                        + " ingress[0] (from[0]: IPs in 192.0.2.0/24 except 192.0.2.128/25; ports[0]: 8000-8080/TCP)"
                        + " | egress from 192.0.2.9 to x/a:8080/TCP: 192.0.2.9 is no pod of the model, no egress policy applies");
    }

    @Test
    @DisplayName("the explanation does not depend on the order of policies or of matchLabels")
    void deterministic() {
        NetworkPolicy a = policy("x", "metadata: {name: b-second}\nspec: {podSelector: {matchLabels: {z: '1', a: '2'}}}");
        NetworkPolicy b = policy("x", "metadata: {name: a-first}\nspec: {podSelector: {}, ingress: [{from: [{podSelector: {matchLabels: {zz: '1', aa: '2'}}}]}]}");
        PodInfo target = pod("x/t", "z=1,a=2", "10.0.0.9");
        List<NetworkPolicy> policies = new ArrayList<>(List.of(denyAll, allowWeb, a, b));
        String first = explain(policies, yb, target, 80).reason();
        Collections.reverse(policies);
        assertThat(explain(policies, yb, target, 80).reason()).isEqualTo(first);
        assertThat(first).contains("x/t is selected by x/a-first, x/allow-web, x/b-second and x/deny-all")
                .contains("pods with aa=2,zz=1 in namespace x");
    }
}
