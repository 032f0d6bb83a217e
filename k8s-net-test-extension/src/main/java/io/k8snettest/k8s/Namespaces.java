package io.k8snettest.k8s;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;

/** Creating namespaces of ours and deleting them, each waited for. */
public final class Namespaces {

    private final KubernetesClient client;
    private final Duration readyTimeout;
    private final Duration deleteTimeout;

    public Namespaces(KubernetesClient client, Duration readyTimeout, Duration deleteTimeout) {
        this.client = client;
        this.readyTimeout = readyTimeout;
        this.deleteTimeout = deleteTimeout;
    }

    /** Creates a labelled namespace and waits until it is Active with its {@code default} ServiceAccount. */
    public void create(String name, Map<String, String> labels, Map<String, String> annotations) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .withAnnotations(annotations).endMetadata().build()).create();
        Waits.until("namespace " + name + " Active with ServiceAccount default", readyTimeout,
                () -> isActive(name) && client.serviceAccounts().inNamespace(name).withName("default").get() != null,
                () -> "phase " + phase(name), () -> "");
    }

    /** Deletes the namespace (if it exists) and waits until the API server no longer has it. */
    public void delete(String name) {
        client.namespaces().withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        Waits.until("namespace " + name + " deleted", deleteTimeout,
                () -> client.namespaces().withName(name).get() == null,
                () -> "phase " + phase(name), () -> new Diagnostics(client).render(java.util.List.of(name)));
    }

    private boolean isActive(String name) {
        return "Active".equals(phase(name));
    }

    private String phase(String name) {
        Namespace ns = client.namespaces().withName(name).get();
        return ns == null ? "absent" : ns.getStatus() == null ? null : ns.getStatus().getPhase();
    }
}
