package io.k8snettest.cluster;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.apiguardian.api.API;

/**
 * A running cluster the tests use, kept in the JUnit root store and closed once at the end of the
 * run. {@link #close()} is idempotent and stops only what the provider itself started.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ClusterHandle extends AutoCloseable {

    /** A client owned by this handle. */
    KubernetesClient client();

    /** For messages, e.g. {@code kubeconfig /path (context kind-kind), server https://127.0.0.1:6443}. */
    String description();

    /**
     * How this cluster takes locally built images ({@code @LoadImage}, {@code k8snet.images}), or
     * empty when it cannot: then its nodes must pull every image from a registry they reach.
     */
    default java.util.Optional<ImageLoader> imageLoader() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
