package io.k8snettest.check;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.plan.ReachabilitySpec;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.Destination;
import io.k8snettest.probe.PortForwardControl;
import io.k8snettest.probe.ProbeClients;
import io.k8snettest.probe.ProbeContext;
import io.k8snettest.probe.Probing;
import io.k8snettest.probe.ServingProof;
import java.util.function.Supplier;

/** The positive control of a declared negative check: the target serves, so that "blocked" cannot be a dead port. */
final class PositiveControl {

    private final KubernetesClient client;
    private final ProbeClients clients;
    private final Supplier<String> diagnostics;

    PositiveControl(ProbeContext context, ProbeClients clients) {
        this.client = context.client();
        this.clients = clients;
        this.diagnostics = context.diagnostics();
    }

    /**
     * Proves the very service port and pod port under test on every ready endpoint behind it: from
     * {@code controlClient} when given (each endpoint directly, then each address the check
     * probes), otherwise through a port-forward to each pod.
     */
    void prove(ReachabilitySpec spec, ServiceTarget target) {
        if (spec.controlClient() == null || spec.controlClient().isEmpty()) {
            new PortForwardControl(client).awaitServing(target, spec.protocol(), spec.path(), spec.timeout(), diagnostics);
            return;
        }
        DefaultProbeClient control = clients.named(spec.controlClient());
        ServingProof.await(client, target, "from control client " + control.name() + " to each pod IP",
                e -> CheckProbes.single(control, spec, false).apply(e.ip(), e.port()), spec.timeout(), diagnostics);
        for (Destination destination : CheckProbes.destinations(client, spec, target)) {
            Probing.untilSuccess("positive control: " + target.describe() + " serves to " + control.name() + " via "
                    + destination.description(), spec.timeout(), () -> destination.probe(control, CheckProbes.single(control, spec, false), true),
                    diagnostics);
        }
    }
}
