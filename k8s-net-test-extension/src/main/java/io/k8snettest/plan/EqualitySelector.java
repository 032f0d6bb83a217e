package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/** An equality label selector as a person writes it, {@code app=web} or {@code app=web,tier=front}. Pure. */
@API(status = INTERNAL, since = "0.1")
public final class EqualitySelector {

    private EqualitySelector() {
    }

    /**
     * The labels a pod must all carry; {@code call} names the call in the message.
     *
     * @throws IllegalArgumentException for an empty selector, a term not {@code key=value}, an invalid key or value, a repeated key
     */
    public static Map<String, String> parse(String call, String selector) {
        if (selector == null || selector.isBlank()) {
            throw Misuse.argument(call, "the label selector is empty", "give key=value pairs separated by commas, e.g."
                    + " \"app=web\" or \"app=web,tier=front\"");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String term : selector.split(",", -1)) {
            int eq = term.indexOf('=');
            String key = eq < 0 ? term.strip() : term.substring(0, eq).strip();
            String value = eq < 0 ? "" : term.substring(eq + 1).strip();
            if (eq <= 0 || value.startsWith("=") || key.endsWith("!")) {
                throw Misuse.argument(call, "term " + Misuse.render(term) + " of selector " + Misuse.render(selector)
                        + " is not key=value", "only equality is supported: write key=value terms separated by commas,"
                        + " e.g. \"app=web,tier=front\"");
            }
            if (!KubernetesNames.isLabelKey(key) || !KubernetesNames.isLabelValue(value)) {
                throw Misuse.argument(call, "term " + Misuse.render(term) + " of selector " + Misuse.render(selector)
                        + " is not a valid label", KubernetesNames.isLabelKey(key) ? KubernetesNames.LABEL_VALUE_RULE
                        : KubernetesNames.LABEL_KEY_RULE);
            }
            if (labels.putIfAbsent(key, value) != null) {
                throw Misuse.argument(call, "selector " + Misuse.render(selector) + " repeats the key '" + key + "'",
                        "give each key once");
            }
        }
        return labels;
    }
}
