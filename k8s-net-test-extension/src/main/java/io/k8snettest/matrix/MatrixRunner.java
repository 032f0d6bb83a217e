package io.k8snettest.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ReachabilityMatrix;
import io.fabric8.kubernetes.api.model.Pod;
import io.k8snettest.k8s.Lookup;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.plan.NamespaceNames;
import io.k8snettest.k8s.Waits;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.PortForwardControl;
import io.k8snettest.probe.ProbeClients;
import io.k8snettest.probe.ProbeCommands;
import io.k8snettest.probe.ProbeContext;
import io.k8snettest.report.Publisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Runs a {@link MatrixPlan}: the canary when a cell is denied, a port-forward control for targets no
 * source may reach, then rounds until every cell settled or the probe timeout passed. A round is one
 * {@code exec} per source that still has open cells (all of its probes in one script), the sources
 * in parallel on a bounded pool.
 */
@API(status = INTERNAL, since = "0.1")
public final class MatrixRunner {

    static final String REPORT_KEY = "k8snet.matrix";

    private final KubernetesClient client;
    private final String namespace;
    private final ProbeClients clients;
    private final Runnable policyGate;
    private final Duration timeout;
    private final Supplier<String> diagnostics;

    public MatrixRunner(ProbeContext context, ProbeClients clients) {
        this.client = context.client();
        this.namespace = context.namespace();
        this.clients = clients;
        this.policyGate = context.policyGate();
        this.timeout = context.settings().probeTimeout();
        this.diagnostics = context.diagnostics();
    }

    /**
     * A matrix declaration that this runner runs; its truth table goes to {@code reportEntries} (the
     * publisher of the test that asked for the builder) under {@link #REPORT_KEY}, its picture as
     * {@value MatrixPictures#FILE_NAME}.
     */
    public ReachabilityMatrix.Builder builder(Duration window, Publisher reportEntries) {
        return new MatrixBuilder(window, plan -> run(plan, reportEntries));
    }

    ReachabilityMatrix.Result run(MatrixPlan declared, Publisher reportEntries) {
        MatrixPlan plan = NodeSources.expand(LabelTargets.expand(declared,
                (ns, selector) -> LabelTargets.matching(client, ns, selector), namespace), clients::perNode);
        if (plan.anyDenied()) {
            policyGate.run();
        }
        int seconds = ProbeCommands.seconds(DefaultProbeClient.PROBE_TIMEOUT);
        List<MatrixScript.Probe> probes = new ArrayList<>();
        for (int t = 0; t < plan.targets().size(); t++) {
            probes.add(probe(plan, t, seconds));
        }
        ExecutorService pool = MatrixRounds.pool(plan.sources().size());
        try {
            List<DefaultProbeClient> sources = MatrixRounds.all(pool, plan.sources().stream()
                    .<java.util.concurrent.Callable<DefaultProbeClient>>map(spec -> () -> clients.get(spec)).toList());
            return probe(plan, probes, sources, pool, reportEntries);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The probe of one column; a pod or service that no source may reach first proves it serves through a port-forward. */
    private MatrixScript.Probe probe(MatrixPlan plan, int t, int seconds) {
        MatrixPlan.Target target = plan.targets().get(t);
        String label = plan.targetNames().get(t);
        String ns = target.namespace() == null ? namespace : NamespaceNames.companion(namespace, target.namespace());
        boolean control = !MatrixBuilder.anyAllowed(plan.expected(), t);
        switch (target.kind()) {
            case ADDRESS:
                return MatrixScript.probe(label, target.ip(), target.port(), target.protocol(), "/", seconds);
            case POD:
                Lookup.existing(client, Pod.class, "pod", ns, target.name());
                Waits.until("reachability matrix target pod " + ns + "/" + target.name() + " has a pod IP", timeout,
                        () -> podIp(ns, target.name()) != null, () -> "no pod IP yet", diagnostics);
                String ip = podIp(ns, target.name());
                if (control) {
                    new PortForwardControl(client).awaitPodServing(ns, target.name(), ip, target.port(), target.protocol(), "/",
                            timeout, diagnostics);
                }
                return MatrixScript.probe(label, ip, target.port(), target.protocol(), "/", seconds);
            default:
                ServiceTarget service = ServiceTarget.resolve(client, ns, target.name(), target.port());
                service.requireTcp("reachability matrix target " + label);
                if (service.headless()) {
                    throw new IllegalArgumentException("reachability matrix target " + label + ": the service is headless"
                            + " (clusterIP: None) and a matrix probes ClusterIPs; use a service with a ClusterIP, name its"
                            + " pods as pod(...) targets, or check the headless one with @ReachableFrom/@NotReachableFrom(via ="
                            + " Via.DNS or Via.EACH_ENDPOINT)");
                }
                if (control) {
                    new PortForwardControl(client).awaitServing(service, target.protocol(), "/", timeout, diagnostics);
                }
                return MatrixScript.probe(label, service.clusterIp(), service.servicePort(), target.protocol(), "/", seconds);
        }
    }

    private String podIp(String ns, String name) {
        Pod pod = client.pods().inNamespace(ns).withName(name).get();
        return pod == null || pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    }

    private ReachabilityMatrix.Result probe(MatrixPlan plan, List<MatrixScript.Probe> probes, List<DefaultProbeClient> sources,
                                            ExecutorService pool, Publisher reportEntries) {
        List<String> sourceNodes = sources.stream().map(clients::nodeOf).toList();
        List<List<String>> targetNodes = MatrixLocality.targetNodes(client, namespace, plan);
        io.k8snettest.api.Locality[][] locality = MatrixLocality.cells(sourceNodes, targetNodes);
        MatrixObservations observations = new MatrixObservations(plan.expected(), plan.window());
        Duration limit = timeout.compareTo(plan.window()) > 0 ? timeout : plan.window();
        String shape = plan.sources().size() + " x " + plan.targets().size();
        MatrixRounds.Outcome outcome = MatrixRounds.run("reachability matrix " + shape + " settled", sources, probes,
                observations, limit, pool);
        boolean[][] observed = observations.observed();
        String summary = outcome.summary(shape, plan.window());
        String table = summary + MatrixTable.render(displayNames(plan, sources), plan.targetNames(), plan.expected(), observed)
                + MatrixLocality.render(displayNames(plan, sources), sourceNodes, plan.targetNames(), targetNodes, locality);
        reportEntries.entry(REPORT_KEY, table);
        reportEntries.html(MatrixPictures.FILE_NAME, MatrixPictures.page(plan, displayNames(plan, sources), observed, observations, summary));
        List<String> names = plan.sources().stream().map(ClientSpec::name).toList();
        String wrong = MatrixRounds.wrongCells(names, sources, probes, plan.expected(), observations, observed);
        if (!wrong.isEmpty()) {
            throw new AssertionError("reachability matrix does not match: " + table + "wrong cells:\n" + wrong
                    + Waits.safe(diagnostics));
        }
        return new ReachabilityMatrix.Result(names, plan.targetNames(), plan.expected(), observed, outcome.execCalls(),
                outcome.elapsed(), table, outcome.rounds(), locality);
    }

    private static List<String> displayNames(MatrixPlan plan, List<DefaultProbeClient> sources) {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            names.add(plan.sources().get(s).namespace() == null ? plan.sources().get(s).name()
                    : plan.sources().get(s).name() + " (" + sources.get(s).namespace() + ")");
        }
        return names;
    }

}
