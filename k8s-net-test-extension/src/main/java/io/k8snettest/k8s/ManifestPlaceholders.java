package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The namespace placeholders of manifests, resolved when an object is applied: the test namespace's
 * generated name is {@code ${k8snet.namespace}}, a companion namespace's {@code ${k8snet.namespace:<logical>}}
 * (created on first use), anywhere in the object: {@code metadata.namespace}, a
 * {@code kubernetes.io/metadata.name} selector, a label value.
 */
@API(status = INTERNAL, since = "0.1")
public final class ManifestPlaceholders {

    static final Pattern ANY = Pattern.compile("\\$\\{k8snet\\.([^}]*)}");
    static final Pattern NAMESPACE = Pattern.compile("namespace(?::([a-z0-9]([-a-z0-9]*[a-z0-9])?))?");

    private ManifestPlaceholders() {
    }

    /**
     * A copy of {@code resource} with every placeholder replaced.
     *
     * @param namespaceOf the generated name of a logical name ({@code null}: the test namespace)
     */
    public static HasMetadata resolve(KubernetesSerialization serialization, HasMetadata resource,
                                      Function<String, String> namespaceOf) {
        String json = serialization.asJson(resource);
        if (!json.contains("${k8snet.")) {
            return serialization.clone(resource);
        }
        Matcher m = ANY.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Matcher ns = NAMESPACE.matcher(m.group(1));
            if (!ns.matches()) {
                throw new IllegalArgumentException(resource.getKind() + " \"" + resource.getMetadata().getName()
                        + "\": unknown placeholder ${k8snet." + m.group(1) + "}; the placeholders are ${k8snet.namespace}"
                        + " (the test namespace) and ${k8snet.namespace:<logical name>} (a companion namespace, e.g."
                        + " ${k8snet.namespace:x})");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(namespaceOf.apply(ns.group(1))));
        }
        m.appendTail(out);
        return serialization.unmarshal(out.toString(), resource.getClass());
    }
}
