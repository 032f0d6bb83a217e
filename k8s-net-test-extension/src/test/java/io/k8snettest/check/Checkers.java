package io.k8snettest.check;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.k8s.Namespaces;
import io.k8snettest.k8s.ReadinessWaiter;
import io.k8snettest.probe.ProbeClients;
import io.k8snettest.probe.ProbeContext;
import java.time.Duration;

/** A checker on a mock cluster: 1 s readiness, the diagnostics read "diagnostics", the given policy gate. */
final class Checkers {

    private Checkers() {
    }

    static ReachabilityChecker checker(KubernetesClient client, String namespace, Runnable policyGate) {
        Duration d = Duration.ofSeconds(1);
        RuntimeSettings settings = new RuntimeSettings("k8snet", "never", Duration.ofHours(1), "busybox:1.35.0", d, d, d, d);
        ProbeContext context = new ProbeContext(client, namespace, settings, () -> "diagnostics", policyGate);
        return new ReachabilityChecker(context, new ProbeClients(context, "run-1", new Namespaces(client, d, d),
                new ReadinessWaiter(client, d, () -> "")));
    }
}
