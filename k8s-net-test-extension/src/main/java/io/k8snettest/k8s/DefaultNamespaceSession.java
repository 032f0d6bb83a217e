package io.k8snettest.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.config.RuntimeSettings;
import java.util.List;

/** Implementation of {@link NamespaceSession}; filled in by the runtime commit. */
final class DefaultNamespaceSession {

    private DefaultNamespaceSession() {
    }

    static NamespaceSession open(KubernetesClient client, RuntimeSettings settings, String runId, String testClassName) {
        throw new UnsupportedOperationException("runtime not implemented yet");
    }

    static List<String> removeStaleNamespaces(KubernetesClient client, RuntimeSettings settings, String runId) {
        throw new UnsupportedOperationException("runtime not implemented yet");
    }
}
