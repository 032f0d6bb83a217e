package io.k8snettest.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.config.RuntimeSettings;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * What every part of one namespace session that probes shares: the cluster, the session
 * namespace, the settings, the diagnostics to attach to failures and the NetworkPolicy gate.
 *
 * @param policyGate  run before a negative check: throws unless the cluster enforces NetworkPolicy
 * @param diagnostics the session's diagnostics, rendered only when a failure needs them
 */
@API(status = INTERNAL, since = "0.1")
public record ProbeContext(KubernetesClient client, String namespace, RuntimeSettings settings,
                           Supplier<String> diagnostics, Runnable policyGate) {
}
