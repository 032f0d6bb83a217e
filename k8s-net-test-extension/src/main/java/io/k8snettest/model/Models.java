package io.k8snettest.model;

import io.k8snettest.k8s.Conflicts;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.report.Publisher;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.TransportProtocol;
import io.k8snettest.k8s.NamespaceLabels;
import io.k8snettest.k8s.PolicyObjects;
import io.k8snettest.k8s.ReadinessWaiter;
import io.k8snettest.matrix.ModelMatrixRunner;
import io.k8snettest.plan.Misuse;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.ProbeClients;
import io.k8snettest.probe.ProbeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * The policy model of one session: its namespaces (companions, labelled {@code ns=<name>}) and pods
 * are created on the first {@link #get} and reused by every later one, which first restores the
 * labels a test changed. One model per session.
 */
@API(status = INTERNAL, since = "0.1")
public final class Models {

    static final String REPORT_KEY = "k8snet.model";
    private static final String KEEP = "kubernetes.io/metadata.name";

    private final KubernetesClient client;
    private final ProbeClients clients;
    private final ReadinessWaiter readiness;
    private final ProbeContext context;
    private final ModelMatrixRunner runner;
    private State state;
    private RuntimeException failed;

    /** What exists of the model in the cluster. */
    record State(ModelSpec spec, Map<String, String> namespaces, Map<String, String> ips,
                 Map<String, DefaultProbeClient> sources, Set<String> changedPods, Set<String> changedNamespaces) {
    }

    public Models(ProbeContext context, ProbeClients clients, ReadinessWaiter readiness) {
        this.client = context.client();
        this.context = context;
        this.clients = clients;
        this.readiness = readiness;
        this.runner = new ModelMatrixRunner(context);
    }

    /** The session's model of {@code spec}, created on first use, with the spec's labels restored. */
    public synchronized PolicyModel get(ModelSpec spec, Publisher reportEntries) {
        if (failed != null) {
            throw new IllegalStateException("NetTest.model: the model of this test class failed to start before: "
                    + failed.getMessage(), failed);
        }
        if (state == null) {
            try {
                state = create(spec, reportEntries);
            } catch (RuntimeException e) {
                failed = e; // its pods may exist in part: a second attempt would only fail on them
                throw e;
            }
        } else if (!state.spec().equals(spec)) {
            throw Misuse.argument("NetTest.model(" + spec + ")", "this test class already has the model " + state.spec(),
                    "a test class has one model: use the same ModelSpec in every test of the class (a constant), or"
                            + " put a different model into its own test class");
        } else {
            restore();
        }
        return new LiveModel(this, state, reportEntries);
    }

    Duration defaultWindow() {
        return context.settings().stabilityWindow();
    }

    ModelMatrixRunner runner() {
        return runner;
    }

    /** What the policies of the model depend on, read now: its namespaces' and the test namespace's objects. */
    io.k8snettest.netpol.PolicyModel policyObjects() {
        List<String> namespaces = new ArrayList<>(state.namespaces().values());
        namespaces.add(context.namespace());
        return io.k8snettest.netpol.PolicyModel.of(PolicyObjects.read(client, namespaces));
    }

    private State create(ModelSpec spec, Publisher reportEntries) {
        long start = System.nanoTime();
        Map<String, String> namespaces = new LinkedHashMap<>();
        spec.namespaces().forEach(ns -> namespaces.put(ns, clients.companion(ns, ModelPods.namespaceLabels(ns))));
        if (spec.protocols().contains(TransportProtocol.SCTP)) {
            new SctpSupport(client, context.settings().readyTimeout()).require(namespaces.values().iterator().next());
        }
        namespaces.forEach((logical, ns) -> spec.pods().forEach(pod ->
                client.pods().inNamespace(ns).resource(ModelPods.pod(spec, ns, pod)).create()));
        Map<String, String> ips = new LinkedHashMap<>();
        Map<String, DefaultProbeClient> sources = new LinkedHashMap<>();
        namespaces.forEach((logical, ns) -> spec.pods().forEach(pod -> {
            readiness.awaitPod(ns, pod, "NetTest.model(" + spec + ")");
            Pod live = client.pods().inNamespace(ns).withName(pod).get();
            ips.put(logical + "/" + pod, live.getStatus().getPodIP());
            sources.put(logical + "/" + pod, clients.inPod(ns, pod, ModelPods.probeContainer(spec)));
        }));
        reportEntries.entry(REPORT_KEY, ips.size() + " pods in " + namespaces.size() + " namespaces " + namespaces.values()
                + " Ready in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        return new State(spec, namespaces, ips, sources, ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
    }

    private void restore() {
        for (String pod : Set.copyOf(state.changedPods())) {
            setPodLabels(pod, ModelPods.podLabels(pod.substring(pod.indexOf('/') + 1)));
            state.changedPods().remove(pod);
        }
        for (String ns : Set.copyOf(state.changedNamespaces())) {
            setNamespaceLabels(ns, Map.of(ModelPods.NAMESPACE_LABEL, ns));
            state.changedNamespaces().remove(ns);
        }
    }

    void setPodLabels(String pod, Map<String, String> labels) {
        String[] parts = pod.split("/", 2);
        Conflicts.retry(() -> client.pods().inNamespace(state.namespaces().get(parts[0])).withName(parts[1]).edit(p -> {
            p.getMetadata().setLabels(new HashMap<>(labels));
            return p;
        }));
    }

    /** Replaces the namespace's labels but ours (ownership, Pod Security) and the API server's name label. */
    void setNamespaceLabels(String logical, Map<String, String> labels) {
        Conflicts.retry(() -> client.namespaces().withName(state.namespaces().get(logical)).edit(ns -> {
            Map<String, String> next = new HashMap<>(labels);
            ns.getMetadata().getLabels().forEach((k, v) -> {
                if (k.equals(KEEP) || k.equals(NamespaceLabels.MANAGED_BY) || k.equals(NamespaceLabels.RUN_ID)
                        || k.equals(ModelPods.POD_SECURITY)) {
                    next.put(k, v);
                }
            });
            ns.getMetadata().setLabels(next);
            return ns;
        }));
    }
}
