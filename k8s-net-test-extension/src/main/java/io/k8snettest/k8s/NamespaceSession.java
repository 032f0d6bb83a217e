package io.k8snettest.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.NetTest;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.plan.ReachabilitySpec;
import io.k8snettest.plan.ResourcePlan;
import io.k8snettest.policy.PolicyEnforcement;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Everything the extension does in one test class's namespace; the one facade between the JUnit
 * lifecycle ({@code junit/}) and the Kubernetes calls ({@code k8s/}, {@code probe/}).
 *
 * <p>Contract (implemented in the runtime commit):
 * <ul>
 *   <li>{@link #open} creates a namespace {@code <prefix>-<short class name>-<random>} (a valid
 *   DNS-1123 label of at most 63 chars) labelled {@code app.kubernetes.io/managed-by=k8s-net-test}
 *   and {@code k8s-net-test.io/run-id=<runId>}, and waits until it is Active and its
 *   {@code default} ServiceAccount exists.</li>
 *   <li>{@link #apply} creates manifests, deployments, services in that order, then waits (bounded,
 *   named, fail-fast on pod failure reasons) for deployments Ready and endpoints complete.</li>
 *   <li>{@link #verify} runs reachability checks, throwing {@link AssertionError} with diagnostics.</li>
 *   <li>{@link #close(boolean)} deletes the namespace and companions and waits until gone (unless
 *   keep), idempotent; clean-up failures are thrown, not swallowed.</li>
 * </ul>
 */
public interface NamespaceSession extends AutoCloseable {

    /** Opens a session in a fresh namespace of ours, with its own NetworkPolicy canary verdict. */
    static NamespaceSession open(KubernetesClient client, RuntimeSettings settings, String runId, String testClassName) {
        return open(client, settings, runId, testClassName, new PolicyEnforcement());
    }

    /**
     * Opens a session in a fresh namespace of ours; {@code enforcement} caches the NetworkPolicy
     * canary's verdict and is shared by every session on the same cluster.
     */
    static NamespaceSession open(KubernetesClient client, RuntimeSettings settings, String runId, String testClassName,
                                 PolicyEnforcement enforcement) {
        return DefaultNamespaceSession.open(client, settings, runId, testClassName, enforcement, null);
    }

    /**
     * Like {@link #open(KubernetesClient, RuntimeSettings, String, String, PolicyEnforcement)}, and
     * {@code heartbeat} renews the namespaces of the session (the proof that the run is alive) until
     * they are deleted or kept.
     */
    static NamespaceSession open(KubernetesClient client, RuntimeSettings settings, String runId, String testClassName,
                                 PolicyEnforcement enforcement, NamespaceHeartbeat heartbeat) {
        return DefaultNamespaceSession.open(client, settings, runId, testClassName, enforcement, heartbeat);
    }

    /**
     * Deletes namespaces of ours (by label) of other runs that stopped: runs whose newest heartbeat
     * is older than the stale age (see {@link NamespaceLabels#stale}); returns their names.
     */
    static List<String> removeStaleNamespaces(KubernetesClient client, RuntimeSettings settings, String runId) {
        return DefaultNamespaceSession.removeStaleNamespaces(client, settings, runId, java.time.Instant.now());
    }

    String namespace();

    /** Creates the plan's resources and waits for them; closing the result deletes them (reverse order) and waits until gone. */
    AppliedResources apply(ResourcePlan plan);

    /** Runs the checks and throws one {@link AssertionError} naming every failed check, with diagnostics. */
    void verify(List<ReachabilitySpec> checks);

    /** Where report entries (a matrix's truth table) go: the current test's publisher; {@code null} clears it. */
    void reportTo(BiConsumer<String, String> publisher);

    /** The injectable handle for this namespace. */
    NetTest netTest();

    /** Pods with phases and container states, recent events, services, endpoints and network policies of the namespace. */
    String diagnostics();

    /** Deletes the namespace (and companion namespaces) and waits until gone, unless {@code keep}. Idempotent. */
    void close(boolean keep);

    @Override
    default void close() {
        close(false);
    }

    /** Resources created by {@link #apply}; closing deletes them and waits until gone. Idempotent. */
    interface AppliedResources extends AutoCloseable {
        @Override
        void close();
    }
}
