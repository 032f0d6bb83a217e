package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.K8sNetTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The user's labels of a test class's namespace ({@link K8sNetTest#namespaceLabels()}, or
 * {@code NetTest.setNamespaceLabels}), checked: valid label syntax, and never a label the extension
 * owns ({@code app.kubernetes.io/managed-by}, {@code k8s-net-test.io/*}) or the API server's
 * {@code kubernetes.io/metadata.name}. Pure.
 */
@API(status = INTERNAL, since = "0.1")
public final class TestNamespaceLabels {

    /** The API server sets it to the namespace's name; a policy's namespace selector may rely on it. */
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";
    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final String OUR_PREFIX = "k8s-net-test.io/";

    private TestNamespaceLabels() {
    }

    /** Whether the user may not set or remove this label key (ownership labels, the name label). */
    public static boolean isReserved(String key) {
        return key.equals(NAME_LABEL) || key.equals(MANAGED_BY) || key.startsWith(OUR_PREFIX);
    }

    /**
     * The labels {@code @K8sNetTest(namespaceLabels)} declares for {@code testClass}'s namespace; a
     * {@code @Nested} class shares its enclosing class's namespace and may not declare any.
     */
    static Map<String, String> declared(Class<?> testClass, boolean nested, String where) {
        Optional<K8sNetTest> annotation = AnnotationSupport.findAnnotation(testClass, K8sNetTest.class);
        if (annotation.isEmpty() || annotation.get().namespaceLabels().length == 0) {
            return Map.of();
        }
        String origin = Misuse.origin("K8sNetTest", where, "namespaceLabels", String.join(",", annotation.get().namespaceLabels()));
        if (nested) {
            throw Misuse.at(origin, "a @Nested class shares the namespace of its enclosing class, so it cannot label it",
                    "declare namespaceLabels on the top-level test class, or call NetTest.setNamespaceLabels(...) in the test");
        }
        Map<String, String> labels = KubernetesNames.labels(origin, "namespaceLabels", annotation.get().namespaceLabels());
        labels.keySet().stream().filter(TestNamespaceLabels::isReserved).findFirst().ifPresent(key -> {
            throw Misuse.at(origin, reservedProblem(key), reservedRemedy());
        });
        return labels;
    }

    /** Checks the labels of a {@code NetTest.setNamespaceLabels} call; {@code call} names it in the message. */
    public static Map<String, String> check(String call, Map<String, String> labels) {
        Map<String, String> checked = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            if (key == null || !KubernetesNames.isLabelKey(key)) {
                throw Misuse.argument(call, "label key " + Misuse.render(key) + " is invalid", KubernetesNames.LABEL_KEY_RULE);
            }
            if (value == null || !KubernetesNames.isLabelValue(value)) {
                throw Misuse.argument(call, "label " + key + "=" + Misuse.render(value) + " has an invalid value",
                        KubernetesNames.LABEL_VALUE_RULE);
            }
            if (isReserved(key)) {
                throw Misuse.argument(call, reservedProblem(key), reservedRemedy());
            }
            checked.put(key, value);
        });
        return checked;
    }

    private static String reservedProblem(String key) {
        return "label '" + key + "' belongs to " + (key.equals(NAME_LABEL) ? "the API server (it is always the"
                + " namespace's name)" : "k8s-net-test (it marks the namespace as ours, for clean-up)") + " and cannot be set";
    }

    private static String reservedRemedy() {
        return "use a label of your own, e.g. ns=x (a policy can select the test namespace by"
                + " kubernetes.io/metadata.name: ${k8snet.namespace} as it is)";
    }
}
