package io.k8snettest.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.TransportProtocol;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The computed mode's table (issue 11, item 3): the engine decides every cell of the model from the
 * objects read from the cluster, its reasons name the model's namespaces as the truth tables do, and a
 * hand-written table that differs is reported cell by cell with the engine's reason.
 */
class PolicyTableTest {

    /** Namespaces x, y (generated t-x, t-y); pods a, b; TCP 80 and 81. */
    private static final ModelSpec SPEC = ModelSpec.standard().withNamespaces("x", "y").withPods("a", "b");
    private static final Map<String, String> NAMESPACES = Map.of("x", "t-x", "y", "t-y");

    private final Expectations shape = new Expectations(SPEC);

    @Test
    void everyCellIsDecidedByTheEngineWithItsReasonInLogicalNames() {
        PolicyTable table = table(objects(allowFromYOn81()));
        String[][] reasons = new String[shape.pods().size()][shape.columns().size()];

        boolean[][] expected = table.expected(shape.pods(), shape.columns(), reasons);

        int xa80 = column("x/a", 80);
        int xa81 = column("x/a", 81);
        int ya = shape.pods().indexOf("y/a");
        int xb = shape.pods().indexOf("x/b");
        assertThat(expected[ya][xa81]).as("y/a -> x/a:81 admitted by the rule").isTrue();
        assertThat(expected[ya][xa80]).as("y/a -> x/a:80 is not on the rule's port").isFalse();
        assertThat(expected[xb][xa81]).as("x/b is not in a namespace with ns=y").isFalse();
        assertThat(expected[xb][column("y/a", 80)]).as("y/a is selected by no policy: open").isTrue();
        assertThat(reasons[xb][xa81]).startsWith("denied: ingress to x/a:81/TCP from x/b: x/a is selected by x/allow-y-81")
                .doesNotContain("t-x/");
        assertThat(reasons[ya][xa81]).startsWith("allowed: ").contains("x/allow-y-81");
        assertThat(table.explain("y/b", "x/a", 80, TransportProtocol.TCP)).startsWith("denied: ingress to x/a:80/TCP from y/b");
    }

    @Test
    @DisplayName("a hand-written table that differs from the computed one lists each differing cell with the engine's reason")
    void differencesNameEachCellBothVerdictsAndTheReason() {
        PolicyTable table = table(objects(allowFromYOn81()));
        String[][] reasons = new String[shape.pods().size()][shape.columns().size()];
        boolean[][] computed = table.expected(shape.pods(), shape.columns(), reasons);
        Expectations written = new Expectations(SPEC);
        written.set(false, "*", "x/a");
        written.set(true, "y", "x/a:81");
        assertThat(PolicyTable.differences(shape, written.expected(), computed, reasons)).as("the same table").isEmpty();

        written.set(true, "x/b", "x/a"); // wrong on both ports
        written.set(false, "x/a", "x/a"); // loopback: never asserted, so no difference

        assertThat(PolicyTable.differences(shape, written.expected(), computed, reasons))
                .startsWith("2 cell(s) differ:\n")
                .contains("  x/b -> x/a:80/tcp: hand-written allow, NetworkPolicy API denied: ingress to x/a:80/TCP from x/b:"
                        + " x/a is selected by x/allow-y-81")
                .contains("  x/b -> x/a:81/tcp: hand-written allow, NetworkPolicy API denied:");
    }

    @Test
    @DisplayName("bad input: a policy kind the engine cannot compute fails the computed mode naming it, before any probe")
    void anAdminNetworkPolicyIsRefused() {
        List<HasMetadata> objects = objects(allowFromYOn81());
        objects.add(new GenericKubernetesResourceBuilder().withApiVersion("policy.networking.k8s.io/v1alpha1")
                .withKind("AdminNetworkPolicy").withNewMetadata().withName("cluster-wide").endMetadata().build());
        long start = System.nanoTime();

        assertThatThrownBy(() -> table(objects)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AdminNetworkPolicy cluster-wide")
                .hasMessageContaining("the engine does not compute")
                .hasMessageContaining("remove it from the cluster");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    @DisplayName("bad input: a model pod missing from the cluster fails naming it and what creates it")
    void aMissingModelPodIsNamed() {
        List<HasMetadata> objects = objects(allowFromYOn81());
        objects.removeIf(o -> o instanceof Pod && "t-y".equals(o.getMetadata().getNamespace())
                && "b".equals(o.getMetadata().getName()));

        assertThatThrownBy(() -> table(objects)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PolicyModel.expectFromPolicies(): model pod y/b (t-y/b) is not in the cluster")
                .hasMessageContaining("NetTest.model(...) creates the model's pods");
    }

    @Test
    @DisplayName("bad input: explain() with a pod the model does not have names the model's pods")
    void explainOfAnUnknownPod() {
        assertThatThrownBy(() -> table(objects(allowFromYOn81())).explain("x/q", "x/a", 80, TransportProtocol.TCP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown pod \"x/q\"")
                .hasMessageContaining("model pods: [x/a, x/b, y/a, y/b]");
    }

    @Test
    @DisplayName("bad input: assertSameAs(null) or an Expectation of the user's own fails naming the call and model.expect()")
    void assertSameAsTakesOnlyTheModelsBuilder() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> ComputedExpect.handWritten(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PolicyModel.expectFromPolicies().assertSameAs(null)")
                .hasMessageContaining("it is not an expectation of this model")
                .hasMessageContaining("pass the builder model.expect() returned");
        PolicyModel.Expectation mine = (PolicyModel.Expectation) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PolicyModel.Expectation.class}, (proxy, method, args) -> "mine");
        assertThatThrownBy(() -> ComputedExpect.handWritten(mine))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("assertSameAs(mine)");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    private PolicyTable table(List<HasMetadata> objects) {
        return new PolicyTable(io.k8snettest.netpol.PolicyModel.of(objects), NAMESPACES, shape.pods(), ComputedExpect.CALL);
    }

    private int column(String pod, int port) {
        return shape.columns().indexOf(new Expectations.Column(pod, port, TransportProtocol.TCP));
    }

    /** The model's namespaces and pods as the cluster holds them, plus {@code policy}. */
    private static List<HasMetadata> objects(HasMetadata policy) {
        List<HasMetadata> objects = new ArrayList<>();
        int ip = 10;
        for (Map.Entry<String, String> ns : Map.of("x", "t-x", "y", "t-y").entrySet()) {
            objects.add(new NamespaceBuilder().withNewMetadata().withName(ns.getValue())
                    .withLabels(ModelPods.namespaceLabels(ns.getKey())).endMetadata().build());
            for (String pod : SPEC.pods()) {
                Pod p = ModelPods.pod(SPEC, ns.getValue(), pod);
                p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                        .withPodIP("127.0.0." + ip++).build());
                objects.add(p);
            }
        }
        objects.add(policy);
        return objects;
    }

    /** x/a admits pods of namespaces with ns=y on TCP 81 only. */
    private static HasMetadata allowFromYOn81() {
        return new NetworkPolicyBuilder().withNewMetadata().withName("allow-y-81").withNamespace("t-x").endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("pod", "a").endPodSelector()
                .addNewIngress().addNewFrom().withNewNamespaceSelector().addToMatchLabels("ns", "y").endNamespaceSelector()
                .endFrom().addNewPort().withNewPort(81).endPort().endIngress().endSpec().build();
    }
}
