package io.k8snettest.netpol;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.k8snettest.plan.Misuse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Label selectors with the API's semantics ({@code metav1.LabelSelectorAsSelector}): matchLabels
 * and matchExpressions must all hold; an empty selector matches everything; {@code In} needs the
 * key with one of the values, {@code NotIn} holds when the key is missing or has none of the values,
 * {@code Exists}/{@code DoesNotExist} look at the key only. Described in kubectl's selector syntax.
 */
final class Selectors {

    private Selectors() {
    }

    /** Whether the labels satisfy the (validated) selector. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        for (Map.Entry<String, String> wanted : matchLabels(selector).entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement requirement : matchExpressions(selector)) {
            if (!holds(requirement, labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        return switch (requirement.getOperator()) {
            case "In" -> value != null && requirement.getValues().contains(value);
            case "NotIn" -> value == null || !requirement.getValues().contains(value);
            case "Exists" -> labels.containsKey(requirement.getKey());
            case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
            default -> throw new IllegalStateException("not validated: " + requirement.getOperator());
        };
    }

    /** Whether the selector selects everything (no labels, no expressions). */
    static boolean isEmpty(LabelSelector selector) {
        return matchLabels(selector).isEmpty() && matchExpressions(selector).isEmpty();
    }

    /**
     * The selector as kubectl writes it ({@code role=web,tier in (a,b),!canary}); matchLabels sorted by
     * key, then the expressions in their order. {@code ""} for the empty selector.
     */
    static String describe(LabelSelector selector) {
        List<String> parts = new ArrayList<>();
        matchLabels(selector).forEach((key, value) -> parts.add(key + "=" + value));
        for (LabelSelectorRequirement requirement : matchExpressions(selector)) {
            String key = requirement.getKey();
            parts.add(switch (requirement.getOperator()) {
                case "In" -> key + " in (" + String.join(",", requirement.getValues()) + ")";
                case "NotIn" -> key + " notin (" + String.join(",", requirement.getValues()) + ")";
                case "Exists" -> key;
                default -> "!" + key;
            });
        }
        return String.join(",", parts);
    }

    /**
     * Rejects what the API server would reject or what this engine does not understand: an unknown
     * operator, In/NotIn without values, Exists/DoesNotExist with values, fields other than
     * matchLabels and matchExpressions.
     *
     * @param origin the policy and field, e.g. {@code NetworkPolicy x/allow-web spec.podSelector}
     */
    static void validate(LabelSelector selector, String origin) {
        Unknown.reject(selector.getAdditionalProperties(), origin);
        int index = 0;
        for (LabelSelectorRequirement requirement : matchExpressions(selector)) {
            String at = origin + ".matchExpressions[" + index++ + "]";
            Unknown.reject(requirement.getAdditionalProperties(), at);
            List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
            String operator = String.valueOf(requirement.getOperator());
            if (requirement.getKey() == null || requirement.getKey().isEmpty()) {
                throw Misuse.argument(at, "key is missing", "name the label key the expression tests");
            }
            switch (operator) {
                case "In", "NotIn" -> {
                    if (values.isEmpty()) {
                        throw Misuse.argument(at, "operator " + operator + " has no values",
                                "list at least one value (the API server rejects an empty list)");
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (!values.isEmpty()) {
                        throw Misuse.argument(at, "operator " + operator + " has values " + values,
                                "drop the values (the API server rejects them)");
                    }
                }
                default -> throw Misuse.argument(at, "operator \"" + operator + "\" is unknown",
                        "use In, NotIn, Exists or DoesNotExist (case-sensitive)");
            }
        }
    }

    private static Map<String, String> matchLabels(LabelSelector selector) {
        return selector.getMatchLabels() == null ? Map.of() : new TreeMap<>(selector.getMatchLabels());
    }

    private static List<LabelSelectorRequirement> matchExpressions(LabelSelector selector) {
        return selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    }
}
