package io.k8snettest.junit;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.cluster.ClusterException;
import io.k8snettest.cluster.ClusterHandle;
import io.k8snettest.cluster.ClusterProvider;
import io.k8snettest.cluster.ServerVersion;
import io.k8snettest.config.Settings;
import io.k8snettest.image.ClusterImages;
import io.k8snettest.image.ImageSources;
import io.k8snettest.k8s.BackgroundDeletions;
import io.k8snettest.k8s.NamespaceHeartbeat;
import io.k8snettest.plan.ResourcePlan;
import io.k8snettest.policy.PolicyEnforcement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster of one provider selection, kept in the root store: started at most once per JVM,
 * shared by every test class, closed when the JUnit run ends. A failed start is remembered, so
 * the second test class fails at once with the same cause instead of trying again.
 */
final class ClusterResource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(K8sNetTestExtension.class);

    private final ClusterProvider provider;
    private final Optional<String> unavailableReason;
    private ClusterHandle handle;
    private RuntimeException startFailure;
    private final List<String> removedStaleNamespaces = new ArrayList<>();
    private boolean staleNamespacesChecked;
    private final PolicyEnforcement policyEnforcement = new PolicyEnforcement();
    private NamespaceHeartbeat heartbeat;
    /** Reasons told already in this JVM: engine runs nested in a run (the engine test kit) share the console. */
    private static final java.util.Set<String> TOLD = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private ServerVersion serverVersion;
    private final ClusterImages images = new ClusterImages();
    private BackgroundDeletions backgroundDeletions;

    ClusterResource(ClusterProvider provider, Settings settings) {
        this.provider = provider;
        this.unavailableReason = provider.unavailableReason(settings);
    }

    /** Why no cluster can be had here, or empty. */
    Optional<String> unavailableReason() {
        return unavailableReason;
    }

    /**
     * Says once per run (at WARN, through SLF4J) that test classes are skipped for lack of a cluster,
     * why, and how to run them: build tools print no skip reasons, so without this a run ends with
     * "Skipped: N" and no word of why. Once per JVM and reason, so engine runs nested in the build's
     * run (tests that run test cases through the engine test kit) do not repeat it.
     */
    void tellSkippedOnce(String reason) {
        if (!TOLD.add(reason)) {
            return;
        }
        LOG.warn("k8s-net-test: no Kubernetes cluster, so every @K8sNetTest class of this run is skipped: {}. To run"
                + " them, start Docker (for the default k3s cluster) or use an existing cluster with K8SNET_CLUSTER=kubeconfig"
                + " and K8SNET_KUBECONFIG=<file> (README: \"Using an existing cluster\"); set {}=true"
                + " (K8SNET_REQUIRE_CLUSTER=true) to make a missing cluster a failure.", reason, K8sNetTest.REQUIRE_CLUSTER_KEY);
    }

    /** The NetworkPolicy canary's verdict for this cluster, computed once and shared by all test classes. */
    PolicyEnforcement policyEnforcement() {
        return policyEnforcement;
    }

    /**
     * The heartbeat that proves this run alive on the cluster's namespaces (see {@link NamespaceHeartbeat}),
     * created with the cluster's client on first call and stopped when this resource closes.
     */
    synchronized NamespaceHeartbeat heartbeat(ClusterHandle cluster) {
        if (heartbeat == null) {
            heartbeat = new NamespaceHeartbeat(cluster.client());
        }
        return heartbeat;
    }

    /** Where finished classes hand their namespace deletions (awaited, and all verified gone, when this closes). */
    synchronized BackgroundDeletions backgroundDeletions() {
        if (backgroundDeletions == null) {
            backgroundDeletions = new BackgroundDeletions();
        }
        return backgroundDeletions;
    }

    /** The cluster's Kubernetes version ({@code GET /version}), asked once. */
    synchronized ServerVersion serverVersion(ClusterHandle cluster) {
        if (serverVersion == null) {
            var info = cluster.client().getKubernetesVersion();
            serverVersion = ServerVersion.parse(info.getGitVersion() != null ? info.getGitVersion()
                    : info.getMajor() + "." + info.getMinor());
        }
        return serverVersion;
    }

    /** The running cluster, started on first call. */
    synchronized ClusterHandle handle(Settings settings) {
        if (handle != null) {
            return handle;
        }
        if (startFailure != null) {
            throw new ClusterException("the " + provider.name() + " cluster failed to start earlier in this run: "
                    + startFailure.getMessage(), startFailure);
        }
        try {
            handle = provider.start(settings);
            return handle;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    /**
     * Loads the images {@code testClass} asks for ({@code @LoadImage}, {@code k8snet.images}; each once per
     * cluster and run) and returns {@code plan} with {@code IfNotPresent} for deployments of loaded images.
     */
    ResourcePlan loadImages(Class<?> testClass, Settings settings, ResourcePlan plan) {
        return plan.forLoadedImages(images.load(ImageSources.of(testClass, settings), handle(settings)));
    }

    /** {@link io.k8snettest.api.NetTest#loadImage}: loads {@code image} now (once per cluster and run). */
    void loadImage(String image, Settings settings) {
        images.load(List.of(ImageSources.checked(image, "NetTest.loadImage(\"" + image + "\")")), handle(settings));
    }

    /** {@code plan} with {@code IfNotPresent} for deployments of the images loaded so far. */
    ResourcePlan forLoadedImages(ResourcePlan plan) {
        return plan.forLoadedImages(images.loaded());
    }

    /**
     * Runs {@code cleanup} once per cluster (removal of namespaces left behind by killed runs) and
     * returns what it removed.
     */
    synchronized List<String> removeStaleNamespacesOnce(java.util.function.Supplier<List<String>> cleanup) {
        if (!staleNamespacesChecked) {
            staleNamespacesChecked = true;
            removedStaleNamespaces.addAll(cleanup.get());
        }
        return List.copyOf(removedStaleNamespaces);
    }

    /**
     * Ends the run on this cluster: waits until every namespace deleted in the background is gone
     * (logging how long that took), then stops the heartbeat and the cluster. A namespace not gone in
     * time fails the run (thrown after everything else is closed).
     */
    @Override
    public synchronized void close() {
        RuntimeException notGone = null;
        if (backgroundDeletions != null) {
            try {
                LOG.info("k8s-net-test: {}", backgroundDeletions.awaitAll().describe());
            } catch (RuntimeException e) {
                notGone = e;
            }
            backgroundDeletions = null;
        }
        if (heartbeat != null) {
            heartbeat.close(); // before the client it uses
            heartbeat = null;
        }
        if (handle != null) {
            ClusterHandle h = handle;
            handle = null;
            try {
                h.close();
            } catch (RuntimeException e) {
                if (notGone != null) {
                    e.addSuppressed(notGone);
                }
                throw e;
            }
        }
        if (notGone != null) {
            throw notGone;
        }
    }
}
