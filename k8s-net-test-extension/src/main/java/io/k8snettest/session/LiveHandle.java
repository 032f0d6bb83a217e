package io.k8snettest.session;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.k8s.Lookup;

/** A named object of the session namespace, read live on every call; creating a handle fails at once when it does not exist. */
abstract sealed class LiveHandle<T extends HasMetadata> permits LiveServiceHandle, LiveDeploymentHandle {

    final KubernetesClient client;
    private final Class<T> type;
    private final String kind;
    private final String namespace;
    private final String name;

    LiveHandle(KubernetesClient client, Class<T> type, String kind, String namespace, String name) {
        this.client = client;
        this.type = type;
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        current(); // fail now, with what exists, when it does not
    }

    /** The object as the API server has it now. */
    final T current() {
        return Lookup.existing(client, type, kind, namespace, name);
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
