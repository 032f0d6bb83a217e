package io.k8snettest.cluster;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.k8snettest.config.Settings;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Gives the tests a cluster. Implementations: {@link K3sClusterProvider} (a k3s container started
 * once per JVM) and {@link KubeconfigClusterProvider} (an existing cluster). A custom one can be
 * named by class in {@code k8snet.cluster}; it needs a public no-argument constructor.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ClusterProvider {

    /** Short name for messages, e.g. {@code k3s}. */
    String name();

    /**
     * Why this provider cannot give a cluster on this machine (no Docker, no kubeconfig file), or
     * empty when it can. Cheap: starts nothing.
     */
    Optional<String> unavailableReason(Settings settings);

    /** Starts or connects to the cluster. Throws {@link ClusterException} with the cause when it cannot. */
    ClusterHandle start(Settings settings);
}
