package io.k8snettest.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handle around a client the provider created, plus whatever else the provider started
 * ({@code onClose}, e.g. stopping a container). Closing is idempotent; the client is closed before
 * what it points at is stopped.
 */
final class ClientClusterHandle implements ClusterHandle {

    private final KubernetesClient client;
    private final String description;
    private final Runnable onClose;
    private final Optional<ImageLoader> imageLoader;
    private final AtomicBoolean closed = new AtomicBoolean();

    ClientClusterHandle(KubernetesClient client, String description, Runnable onClose) {
        this(client, description, onClose, Optional.empty());
    }

    ClientClusterHandle(KubernetesClient client, String description, Runnable onClose, Optional<ImageLoader> imageLoader) {
        this.client = Objects.requireNonNull(client);
        this.description = description;
        this.onClose = onClose;
        this.imageLoader = imageLoader;
    }

    @Override
    public Optional<ImageLoader> imageLoader() {
        return imageLoader;
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            client.close();
        } finally {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
