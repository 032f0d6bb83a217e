package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.k8snettest.plan.Misuse;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Computes what {@code networking.k8s.io/v1} NetworkPolicies allow, without a cluster, and says why.
 *
 * <p>A cell (source, target, port, protocol) is allowed when both directions allow it: ingress at the
 * target (when it is a pod) and egress at the source (when it is a pod). A pod that no policy
 * isolates in a direction is open in it; an isolated one needs a rule of one of its policies whose
 * peer matches the other side and whose ports admit the port and protocol. See README "Computing
 * expectations from policies" for the rules covered and those that are not.
 *
 * <p>The policies are validated when the engine is built: anything the API server would reject, or
 * a field the engine does not understand, is an {@link IllegalArgumentException} naming the policy, the
 * field and the fix, never a silent guess.
 */
@API(status = INTERNAL, since = "0.1")
public final class PolicyEngine {

    private final Map<String, NamespaceInfo> namespaces = new TreeMap<>();
    private final DirectionEvaluator evaluator;

    /**
     * @param policies the NetworkPolicies in force (any namespaces)
     * @param namespaces every namespace a pod of a cell can live in (their labels matter to namespaceSelectors)
     * @throws IllegalArgumentException for an invalid or unsupported policy, or two policies or
     *                                  namespaces of the same name
     */
    public PolicyEngine(Collection<NetworkPolicy> policies, Collection<NamespaceInfo> namespaces) {
        for (NamespaceInfo namespace : namespaces) {
            if (this.namespaces.put(namespace.name(), namespace) != null) {
                throw Misuse.argument("PolicyEngine", "namespace " + namespace.name() + " is given twice", "pass each namespace once");
            }
        }
        List<PolicySpec> specs = policies.stream().map(PolicySpec::of)
                .sorted(Comparator.comparing(PolicySpec::namespace).thenComparing(PolicySpec::name)).toList();
        for (int i = 1; i < specs.size(); i++) {
            if (specs.get(i).ref().equals(specs.get(i - 1).ref())) {
                throw Misuse.argument("PolicyEngine", "NetworkPolicy " + specs.get(i).ref() + " is given twice",
                        "pass each policy once (the cluster holds one object per name)");
            }
        }
        this.evaluator = new DirectionEvaluator(specs, Map.copyOf(this.namespaces));
    }

    /**
     * The verdict on one cell with its explanation.
     *
     * @throws IllegalArgumentException when a pod of the cell lives in a namespace the engine was not given
     */
    public Verdict explain(Cell cell) {
        requireKnownNamespace(cell.source());
        requireKnownNamespace(cell.target());
        return new Verdict(cell, evaluator.evaluate(Direction.INGRESS, cell), evaluator.evaluate(Direction.EGRESS, cell));
    }

    /** Whether the policies allow the cell ({@code explain(cell).allowed()}). */
    public boolean allows(Cell cell) {
        return explain(cell).allowed();
    }

    private void requireKnownNamespace(Endpoint endpoint) {
        if (endpoint instanceof PodInfo pod && !namespaces.containsKey(pod.namespace())) {
            throw Misuse.argument("PolicyEngine.explain(" + pod.display() + ")",
                    "namespace " + pod.namespace() + " is not among the engine's namespaces " + namespaces.keySet(),
                    "pass a NamespaceInfo (with its labels) for every namespace a pod of a cell lives in");
        }
    }
}
