package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.apiguardian.api.API;

/** Finds a named object of a namespace, or says what exists there instead: the one "no such X" message. */
@API(status = INTERNAL, since = "0.1")
public final class Lookup {

    private Lookup() {
    }

    /**
     * The object {@code name} of {@code type} in {@code namespace}; when there is none, an
     * IllegalArgumentException {@code no <kind> '<name>' in namespace <ns>; <kind>s there: [...]}.
     */
    public static <T extends HasMetadata> T existing(KubernetesClient client, Class<T> type, String kind, String namespace,
                                                     String name) {
        T found = client.resources(type).inNamespace(namespace).withName(name).get();
        if (found == null) {
            throw new IllegalArgumentException("no " + kind + " '" + name + "' in namespace " + namespace + "; " + kind
                    + "s there: " + client.resources(type).inNamespace(namespace).list().getItems().stream()
                    .map(o -> o.getMetadata().getName()).toList());
        }
        return found;
    }
}
