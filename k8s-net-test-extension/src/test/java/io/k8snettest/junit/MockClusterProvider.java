package io.k8snettest.junit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.k8snettest.cluster.ClusterHandle;
import io.k8snettest.cluster.ClusterProvider;
import io.k8snettest.cluster.ImageLoader;
import io.k8snettest.config.Settings;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster provider, named by class in {@code k8snet.cluster}, that hands the extension a fresh
 * client of the fabric8 CRUD mock server the running lifecycle test put in {@link #use}. The
 * static holder is the only way to reach a provider the extension instantiates by name; the
 * lifecycle tests run one engine at a time.
 */
public final class MockClusterProvider implements ClusterProvider {

    private static volatile KubernetesMockServer server;
    private static final AtomicInteger STARTS = new AtomicInteger();
    private static volatile ImageLoader imageLoader;

    /** The mock server of the current test; resets the start count and the image loader (none). */
    static void use(KubernetesMockServer mockServer) {
        server = mockServer;
        STARTS.set(0);
        imageLoader = null;
    }

    /** The image loader the next cluster handles offer (none unless set). */
    static void useImageLoader(ImageLoader loader) {
        imageLoader = loader;
    }

    static KubernetesMockServer server() {
        return server;
    }

    /** How often the extension asked for the cluster since {@link #use}. */
    static int starts() {
        return STARTS.get();
    }

    @Override
    public String name() {
        return "mock";
    }

    @Override
    public Optional<String> unavailableReason(Settings settings) {
        return server == null ? Optional.of("no mock server set") : Optional.empty();
    }

    @Override
    public ClusterHandle start(Settings settings) {
        STARTS.incrementAndGet();
        KubernetesClient client = server.createClient();
        AtomicBoolean closed = new AtomicBoolean();
        ImageLoader loader = imageLoader;
        return new ClusterHandle() {
            @Override
            public Optional<ImageLoader> imageLoader() {
                return Optional.ofNullable(loader);
            }

            @Override
            public KubernetesClient client() {
                return client;
            }

            @Override
            public String description() {
                return "fabric8 mock server " + client.getMasterUrl();
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    client.close();
                }
            }
        };
    }
}
