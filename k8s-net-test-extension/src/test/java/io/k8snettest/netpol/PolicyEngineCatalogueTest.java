package io.k8snettest.netpol;

import static io.k8snettest.netpol.Fixture.pod;
import static io.k8snettest.netpol.Policies.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the policy engine: each fails at once (well under a second, no cluster) with an
 * IllegalArgumentException naming the policy (or object), the field, the problem and the fix; never a
 * silent guess that could compute a wrong table.
 */
class PolicyEngineCatalogueTest {

    private static void rejects(ThrowingCallable call, String... fragments) {
        long start = System.nanoTime();
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).satisfies(e -> {
            for (String fragment : fragments) {
                assertThat(e.getMessage()).contains(fragment);
            }
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    private static void rejectsPolicy(String spec, String... fragments) {
        NetworkPolicy policy = policy("x", "metadata: {name: bad}\nspec: " + spec);
        rejects(() -> new PolicyEngine(List.of(policy), Fixture.namespaces()), fragments);
    }

    @ParameterizedTest(name = "bad input: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown selector operator    | {podSelector: {matchExpressions: [{key: a, operator: in, values: [b]}]}} | NetworkPolicy x/bad spec.podSelector.matchExpressions[0] | operator "in" is unknown | use In, NotIn, Exists or DoesNotExist
            In without values            | {podSelector: {matchExpressions: [{key: a, operator: In}]}}               | spec.podSelector.matchExpressions[0] | has no values | list at least one value
            Exists with values           | {podSelector: {}, ingress: [{from: [{podSelector: {matchExpressions: [{key: a, operator: Exists, values: [b]}]}}]}]} | spec.ingress[0].from[0].podSelector.matchExpressions[0] | has values [b] | drop the values
            peer with ipBlock and selector | {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]} | spec.ingress[0].from[0] | has an ipBlock and a selector | split it into two peers
            empty peer                   | {podSelector: {}, egress: [{to: [{}]}]}                                   | spec.egress[0].to[0] | is empty | leave out from/to instead
            except outside the cidr      | {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}}]}]} | spec.ingress[0].from[0].ipBlock.except[0] | 10.1.0.0/24 is not inside 10.0.0.0/16 | sub-range of the cidr
            cidr without prefix          | {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.1}}]}]}       | spec.ingress[0].from[0].ipBlock.cidr | "10.0.0.1" is not a CIDR | 10.0.0.1/32
            prefix too long              | {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/33}}]}]}    | ipBlock.cidr | has no valid prefix length | use 0 to 32
            host name as cidr            | {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: example.invalid/32}}]}]} | ipBlock.cidr | is not an IP address | names are not resolved
            endPort with a named port    | {podSelector: {}, ingress: [{ports: [{port: http, endPort: 90}]}]}       | spec.ingress[0].ports[0] | endPort 90 with the named port http | needs a numeric port
            endPort below port           | {podSelector: {}, ingress: [{ports: [{port: 90, endPort: 80}]}]}         | spec.ingress[0].ports[0] | endPort 80 is not in 90..65535 | make endPort at least port
            endPort without port         | {podSelector: {}, ingress: [{ports: [{endPort: 80}]}]}                   | spec.ingress[0].ports[0] | endPort 80 without port | set port
            port out of range            | {podSelector: {}, ingress: [{ports: [{port: 70000}]}]}                   | spec.ingress[0].ports[0] | port 70000 is out of range | use 1 to 65535
            numeric string port          | {podSelector: {}, ingress: [{ports: [{port: "80"}]}]}                    | spec.ingress[0].ports[0] | port "80" is neither a number nor a port name | write a number
            lower-case protocol          | {podSelector: {}, ingress: [{ports: [{port: 80, protocol: tcp}]}]}       | spec.ingress[0].ports[0].protocol | protocol "tcp" is not a protocol | (upper case)
            unknown policy type          | {podSelector: {}, policyTypes: [Ingres]}                                  | NetworkPolicy x/bad spec.policyTypes | "Ingres" is no policy type | use Ingress and/or Egress
            unknown spec field           | {podSelector: {}, ingres: [{}]}                                           | NetworkPolicy x/bad spec | fields the policy engine does not understand: [ingres] | remove or fix the fields
            unknown rule field           | {podSelector: {}, ingress: [{form: [{podSelector: {}}]}]}                 | NetworkPolicy x/bad spec.ingress[0] | does not understand: [form] | remove or fix
            """)
    void badPolicy(String what, String spec, String where, String problem, String fix) {
        rejectsPolicy(spec, where, problem, fix);
    }

    @Test
    @DisplayName("bad input: a policy without namespace")
    void noNamespace() {
        NetworkPolicy policy = policy("x", "metadata: {name: floating}\nspec: {podSelector: {}}");
        policy.getMetadata().setNamespace(null);
        rejects(() -> new PolicyEngine(List.of(policy), Fixture.namespaces()),
                "NetworkPolicy null/floating", "has no metadata.namespace", "give the policy its name and namespace");
    }

    @Test
    @DisplayName("bad input: a policy of another API version")
    void otherApiVersion() {
        NetworkPolicy policy = policy("x", "metadata: {name: old}\nspec: {podSelector: {}}");
        policy.setApiVersion("extensions/v1beta1");
        rejects(() -> new PolicyEngine(List.of(policy), Fixture.namespaces()),
                "NetworkPolicy x/old", "has apiVersion extensions/v1beta1", "computes networking.k8s.io/v1 only");
    }

    @Test
    @DisplayName("bad input: the same policy twice")
    void duplicatePolicy() {
        NetworkPolicy policy = policy("x", "metadata: {name: twice}\nspec: {podSelector: {}}");
        rejects(() -> new PolicyEngine(List.of(policy, policy), Fixture.namespaces()),
                "PolicyEngine", "NetworkPolicy x/twice is given twice", "pass each policy once");
    }

    @Test
    @DisplayName("bad input: the same namespace twice")
    void duplicateNamespace() {
        rejects(() -> new PolicyEngine(List.of(), List.of(NamespaceInfo.of("x", Map.of()), NamespaceInfo.of("x", Map.of("a", "b")))),
                "PolicyEngine", "namespace x is given twice", "pass each namespace once");
    }

    @Test
    @DisplayName("bad input: a cell's pod in a namespace the engine does not know")
    void unknownNamespace() {
        PolicyEngine engine = new PolicyEngine(List.of(), Fixture.namespaces());
        rejects(() -> engine.explain(Cell.tcp(pod("w/a", "", "10.0.0.1"), pod("x/b", "", "10.0.0.2"), 80)),
                "PolicyEngine.explain(w/a)", "namespace w is not among the engine's namespaces [x, y, z]",
                "pass a NamespaceInfo (with its labels) for every namespace");
    }

    @Test
    @DisplayName("bad input: an external address that is a host name, a pod IP that is none, a port out of range")
    void badEndpoints() {
        rejects(() -> new ExternalIp("localhost"), "ExternalIp", "\"localhost\" is not an IP address", "names are not resolved");
        rejects(() -> pod("x/a", "", "10.0.0.256"), "pod x/a", "\"10.0.0.256\" is not an IP address", "write an IPv4");
        rejects(() -> Cell.tcp(new ExternalIp("10.0.0.1"), new ExternalIp("10.0.0.2"), 0),
                "Cell 10.0.0.1 -> 10.0.0.2", "port 0 is out of range", "use a port from 1 to 65535");
    }
}
