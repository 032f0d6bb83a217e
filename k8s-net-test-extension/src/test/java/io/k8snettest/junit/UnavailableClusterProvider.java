package io.k8snettest.junit;

import io.k8snettest.cluster.ClusterHandle;
import io.k8snettest.cluster.ClusterProvider;
import io.k8snettest.config.Settings;
import java.util.Optional;

/** A provider that never has a cluster, like k3s without Docker. */
public final class UnavailableClusterProvider implements ClusterProvider {

    static final String REASON = "the test machine has no cluster";

    @Override
    public String name() {
        return "unavailable";
    }

    @Override
    public Optional<String> unavailableReason(Settings settings) {
        return Optional.of(REASON);
    }

    @Override
    public ClusterHandle start(Settings settings) {
        throw new AssertionError("start() of a provider with an unavailable reason must not be called");
    }
}
