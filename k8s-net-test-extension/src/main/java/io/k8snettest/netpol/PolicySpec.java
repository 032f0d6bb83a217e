package io.k8snettest.netpol;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.k8snettest.plan.Misuse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A validated NetworkPolicy. It selects pods of its own namespace by {@code spec.podSelector} (empty:
 * all of them) and isolates them in the directions of {@code policyTypes}; without policyTypes,
 * Ingress always and Egress when it has egress rules (the API server's defaulting). A direction it
 * isolates with no rules admits nothing in it.
 *
 * @param namespace its namespace
 * @param name its name
 * @param podSelector the pods it selects
 * @param types the directions it isolates
 * @param ingress its ingress rules
 * @param egress its egress rules
 */
record PolicySpec(String namespace, String name, LabelSelector podSelector, Set<Direction> types,
                  List<RuleSpec> ingress, List<RuleSpec> egress) {

    private static final String API_VERSION = "networking.k8s.io/v1";

    static PolicySpec of(NetworkPolicy policy) {
        ObjectMeta meta = policy.getMetadata();
        String name = meta == null ? null : meta.getName();
        String origin = "NetworkPolicy " + (meta == null ? "" : meta.getNamespace() + "/") + name;
        if (name == null || meta.getNamespace() == null) {
            throw Misuse.argument(origin, "has no metadata." + (name == null ? "name" : "namespace"),
                    "give the policy its name and namespace (the engine does not guess where it was applied)");
        }
        if (policy.getApiVersion() != null && !API_VERSION.equals(policy.getApiVersion())) {
            throw Misuse.argument(origin, "has apiVersion " + policy.getApiVersion(), "the engine computes " + API_VERSION + " only");
        }
        Unknown.reject(policy.getAdditionalProperties(), origin);
        NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
        Unknown.reject(spec.getAdditionalProperties(), origin + " spec");
        LabelSelector podSelector = spec.getPodSelector() == null ? new LabelSelector() : spec.getPodSelector();
        Selectors.validate(podSelector, origin + " spec.podSelector");
        List<RuleSpec> ingress = rules(Direction.INGRESS, spec.getIngress(), NetworkPolicyIngressRule::getFrom,
                NetworkPolicyIngressRule::getPorts, NetworkPolicyIngressRule::getAdditionalProperties, origin);
        List<RuleSpec> egress = rules(Direction.EGRESS, spec.getEgress(), NetworkPolicyEgressRule::getTo,
                NetworkPolicyEgressRule::getPorts, NetworkPolicyEgressRule::getAdditionalProperties, origin);
        return new PolicySpec(meta.getNamespace(), name, podSelector, types(spec, !egress.isEmpty(), origin),
                ingress, egress);
    }

    private static <R> List<RuleSpec> rules(Direction direction, List<R> given, Function<R, List<NetworkPolicyPeer>> peers,
                                            Function<R, List<NetworkPolicyPort>> ports,
                                            Function<R, Map<String, Object>> unknown, String origin) {
        List<RuleSpec> rules = new ArrayList<>();
        List<R> all = given == null ? List.of() : given;
        for (int i = 0; i < all.size(); i++) {
            R rule = all.get(i);
            Unknown.reject(unknown.apply(rule), origin + " spec." + direction.word() + "[" + i + "]");
            rules.add(RuleSpec.of(direction, i, peers.apply(rule), ports.apply(rule), origin));
        }
        return List.copyOf(rules);
    }

    private static Set<Direction> types(NetworkPolicySpec spec, boolean hasEgressRules, String origin) {
        List<String> given = spec.getPolicyTypes() == null ? List.of() : spec.getPolicyTypes();
        if (given.isEmpty()) {
            return hasEgressRules ? EnumSet.allOf(Direction.class) : EnumSet.of(Direction.INGRESS);
        }
        Set<Direction> types = EnumSet.noneOf(Direction.class);
        for (String type : given) {
            types.add(switch (String.valueOf(type)) {
                case "Ingress" -> Direction.INGRESS;
                case "Egress" -> Direction.EGRESS;
                default -> throw Misuse.argument(origin + " spec.policyTypes", "\"" + type + "\" is no policy type",
                        "use Ingress and/or Egress (case-sensitive)");
            });
        }
        return types;
    }

    /** Whether the policy isolates the pod in the direction: its namespace, its podSelector, its types. */
    boolean selects(PodInfo pod, Direction direction) {
        return types.contains(direction) && namespace.equals(pod.namespace())
                && Selectors.matches(podSelector, pod.labels());
    }

    /** The rules of a direction (none when the policy does not isolate it: such rules are ignored). */
    List<RuleSpec> rules(Direction direction) {
        if (!types.contains(direction)) {
            return List.of();
        }
        return direction == Direction.INGRESS ? ingress : egress;
    }

    /** {@code namespace/name}. */
    String ref() {
        return namespace + "/" + name;
    }

    /** What the policy admits in a direction: {@code admits nothing} or its rules joined by "or". */
    String describe(Direction direction) {
        List<RuleSpec> rules = rules(direction);
        if (rules.isEmpty()) {
            return ref() + " admits nothing";
        }
        return ref() + " admits " + String.join("; or ", rules.stream().map(r -> r.describe(direction, namespace)).toList());
    }
}
