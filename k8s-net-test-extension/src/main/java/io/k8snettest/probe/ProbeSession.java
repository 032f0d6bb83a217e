package io.k8snettest.probe;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.NetTest;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.k8s.Namespaces;
import io.k8snettest.k8s.ReadinessWaiter;
import io.k8snettest.k8s.ResourceApplier;
import io.k8snettest.plan.ReachabilitySpec;
import io.k8snettest.policy.PolicyEnforcement;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** The probing side of a namespace session: clients, checks and the injectable {@link NetTest}. */
public final class ProbeSession {

    private final ProbeClients clients;
    private final ReachabilityChecker checker;
    private final NetTest netTest;
    private final ReportEntries report = new ReportEntries();

    /**
     * @param anchor      the test class; manifests of {@link NetTest#applyManifest} are found relative to it
     * @param enforcement the NetworkPolicy canary's verdict for this cluster, shared by the sessions on it
     */
    public ProbeSession(KubernetesClient client, String namespace, String runId, RuntimeSettings settings,
                        Namespaces namespaces, ReadinessWaiter readiness, ResourceApplier applier,
                        Supplier<String> diagnostics, Class<?> anchor, PolicyEnforcement enforcement) {
        Runnable policyGate = new PolicyCanary(client, settings, runId, enforcement)::requireEnforced;
        this.clients = new ProbeClients(client, namespace, runId, settings.probeImage(), namespaces, readiness, diagnostics,
                policyGate);
        this.checker = new ReachabilityChecker(client, namespace, clients, diagnostics, policyGate);
        EndpointHealer healer = new EndpointHealer(client, clients, settings.readyTimeout(), diagnostics);
        MatrixRunner matrices = new MatrixRunner(client, namespace, clients, policyGate, report, settings.probeTimeout(),
                diagnostics);
        this.netTest = new DefaultNetTest(client, namespace, settings, clients, readiness, applier, healer, anchor, matrices);
    }

    /** Where report entries (a matrix's truth table) go: the current test's publisher, or {@code null} for none. */
    public void reportTo(BiConsumer<String, String> publisher) {
        report.publishTo(publisher);
    }

    public void verify(List<ReachabilitySpec> checks) {
        checker.verifyAll(checks);
    }

    public NetTest netTest() {
        return netTest;
    }

    /** Companion namespaces the clients needed, to be deleted with the session. */
    public List<String> companionNamespaces() {
        return clients.companionNamespaces();
    }
}
