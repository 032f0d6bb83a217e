package io.k8snettest.probe;

import io.k8snettest.k8s.Conflicts;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k8snettest.k8s.Rejections;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.Placement;
import io.k8snettest.k8s.NodePlacement;
import io.k8snettest.k8s.Nodes;
import io.k8snettest.k8s.Lookup;
import io.k8snettest.k8s.NamespaceLabels;
import io.k8snettest.k8s.Namespaces;
import io.k8snettest.k8s.ReadinessWaiter;
import io.k8snettest.plan.ClientRef;
import io.k8snettest.plan.Misuse;
import io.k8snettest.plan.NamespaceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The probe clients of one session: one pod per client identity, created on first use and reused;
 * companion namespaces ({@code <session-namespace>-<logical>}, shortened as {@link NamespaceNames#companion}
 * says when longer than 63 characters) created on first use. The pods go
 * with their namespaces when the session deletes them. Their probes run through long-lived
 * {@link ProbeChannels}, ended by {@link #close}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ProbeClients {

    private static final System.Logger LOG = System.getLogger(ProbeClients.class.getName());

    private final KubernetesClient client;
    private final String namespace;
    private final String runId;
    private final String probeImage;
    private final java.time.Duration readyTimeout;
    private final Namespaces namespaces;
    private final ReadinessWaiter readiness;
    private final Supplier<String> diagnostics;
    private final ProbeChannels exec;
    private final Runnable policyGate;
    private final NodePlacement placement;
    private final Map<String, DefaultProbeClient> clients = new ConcurrentHashMap<>();
    private final Map<String, ClientSpec> specs = new ConcurrentHashMap<>();
    private final Map<String, String> companions = new ConcurrentHashMap<>();
    private final List<String> companionOrder = new CopyOnWriteArrayList<>();

    /** @param runId labels the companion namespaces, as the session namespace */
    public ProbeClients(ProbeContext context, String runId, Namespaces namespaces, ReadinessWaiter readiness) {
        this(context, runId, namespaces, readiness, new ExecTransport(context.client()));
    }

    /** @param channels opens the long-lived shells the probes run through */
    ProbeClients(ProbeContext context, String runId, Namespaces namespaces, ReadinessWaiter readiness, ChannelTransport channels) {
        this.client = context.client();
        this.namespace = context.namespace();
        this.runId = runId;
        this.probeImage = context.settings().probeImage();
        this.readyTimeout = context.settings().readyTimeout();
        this.namespaces = namespaces;
        this.readiness = readiness;
        this.diagnostics = context.diagnostics();
        this.exec = new ProbeChannels(new PodExec(client), context.settings().probeChannel() ? channels : null);
        this.policyGate = context.policyGate();
        this.placement = new NodePlacement(client, namespace);
    }

    /** The client a check names: a probe pod of ours or an existing pod of the session namespace. */
    public DefaultProbeClient get(ClientRef ref) {
        return ref.isExisting() ? existing(ref.existingPod()) : get(ref.spec());
    }

    /** The probe pod of this identity, created and awaited on first use. A name is one identity. */
    public DefaultProbeClient get(ClientSpec spec) {
        String key = key(spec);
        ClientSpec known = specs.putIfAbsent(key, spec);
        if (known != null && !known.equals(spec)) {
            throw Misuse.argument("NetTest.client(...)", "probe client '" + spec.name() + "' already exists as " + known
                    + " (asked for " + spec + ")", "a different identity needs a different name");
        }
        return clients.computeIfAbsent(key, k -> create(spec));
    }

    /**
     * The client of this name in the session namespace: the identity already created under that name
     * (whatever its labels), otherwise a plain probe pod. For positive controls that name a client.
     */
    public DefaultProbeClient named(String name) {
        ClientSpec known = specs.get(key(ClientSpec.named(name).build()));
        return get(known != null ? known : ClientSpec.named(name).build());
    }

    /**
     * A pod that already runs, {@code "web-0"} in the session namespace or {@code "other/web-0"} in a
     * companion namespace; its first container probes, so it probes with the pod's own IP and labels.
     */
    public DefaultProbeClient existing(String podName) {
        int slash = podName.indexOf('/');
        String ns = slash < 0 ? namespace : NamespaceNames.companion(namespace, podName.substring(0, slash));
        String name = podName.substring(slash + 1);
        Pod pod = Lookup.existing(client, Pod.class, "pod", ns, name);
        String container = pod.getSpec().getContainers().get(0).getName();
        return new DefaultProbeClient(exec, ns, name, container, () -> ip(ns, name), diagnostics, policyGate);
    }

    /** A container of a pod that runs (e.g. a policy model's server pod) as a client. */
    public DefaultProbeClient inPod(String ns, String podName, String container) {
        return new DefaultProbeClient(exec, ns, podName, container, () -> ip(ns, podName), diagnostics, policyGate);
    }

    /**
     * The companion namespace with this logical name, created on first use; {@code labels} are
     * added to it (also when it exists already, e.g. created by a manifest naming it).
     */
    public String companion(String logical, Map<String, String> labels) {
        String existing = companions.get(logical);
        if (existing == null) {
            return createCompanion(logical, labels);
        }
        if (!labels.isEmpty()) {
            Conflicts.retry(() -> client.namespaces().withName(existing).edit(ns -> { // the heartbeat patches it too
                ns.getMetadata().getLabels().putAll(labels);
                return ns;
            }));
        }
        return existing;
    }

    /**
     * Ends the probe channels of every client (their long-lived execs); probes after it still run,
     * one exec each. Idempotent; the session calls it before it deletes its namespaces.
     */
    public void close() {
        exec.close();
    }

    /** The companion namespaces created so far, in creation order. */
    public List<String> companionNamespaces() {
        return new ArrayList<>(companionOrder);
    }

    /**
     * One probe client of {@code spec}'s identity on every schedulable node, each pinned to its node and named
     * {@code <name>-<node>} ({@link NamespaceNames#clientOnNode}); at least two nodes, or an error naming {@code subject}.
     */
    public List<DefaultProbeClient> onEveryNode(ClientSpec spec, String subject) {
        return perNode(spec, subject).stream().map(this::get).toList();
    }

    /** The identities {@link #onEveryNode} creates clients of, one per schedulable node (at least two). */
    public List<ClientSpec> perNode(ClientSpec spec, String subject) {
        if (!spec.placement().isAny()) {
            throw Misuse.argument(subject, "client '" + spec.name() + "' is placed " + spec.placement() + ", but a client"
                    + " on every node is placed on each node itself", "remove the client's placement");
        }
        return placement.everyNode(subject).stream()
                .map(node -> spec.placed(NamespaceNames.clientOnNode(spec.name(), node), Placement.onNode(node))).toList();
    }

    /** The node a client's pod runs on ({@code spec.nodeName}), null when unknown. */
    public String nodeOf(DefaultProbeClient probe) {
        return Nodes.of(client, probe.namespace(), probe.name());
    }

    private DefaultProbeClient create(ClientSpec spec) {
        String ns = spec.namespace() == null ? namespace : createCompanion(spec.namespace(), spec.namespaceLabels());
        Affinity affinity = placement.affinity(spec.placement(), "probe client '" + spec.name() + "'");
        Pod pod = ProbePods.pod(spec, ns, probeImage, affinity);
        refuseJoiningAService(spec, ns, pod.getMetadata().getLabels());
        try {
            client.pods().inNamespace(ns).resource(pod).create();
        } catch (KubernetesClientException e) {
            throw Rejections.namespaceTerminating(e) ? Rejections.namespaceTerminating("probe client pod " + spec.name(), ns, e) : e;
        }
        readiness.awaitPod(ns, spec.name(), "probe client " + spec.name());
        return new DefaultProbeClient(exec, ns, spec.name(), ProbePods.CONTAINER, () -> ip(ns, spec.name()), diagnostics,
                policyGate, () -> recreate(spec, ns, affinity));
    }

    /** The probe pod of {@code spec} again, after someone deleted it: waits until the old one is gone, creates, awaits. */
    private void recreate(ClientSpec spec, String ns, Affinity affinity) {
        synchronized (specs.get(key(spec))) {
            var resource = client.pods().inNamespace(ns).withName(spec.name());
            Pod current = resource.get();
            if (current != null && current.getMetadata().getDeletionTimestamp() == null) {
                return; // recreated meanwhile by another probe of the same client
            }
            LOG.log(System.Logger.Level.WARNING, "probe client pod " + ns + "/" + spec.name()
                    + " was deleted during the test; creating it again");
            resource.waitUntilCondition(p -> p == null, readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            client.pods().inNamespace(ns).resource(ProbePods.pod(spec, ns, probeImage, affinity)).create();
            readiness.awaitPod(ns, spec.name(), "probe client " + spec.name() + " (created again after it was deleted)");
        }
    }

    /**
     * A probe pod whose labels a service's selector matches would become one of its endpoints and
     * answer (or not) in place of the servers: refused before the pod exists.
     */
    private void refuseJoiningAService(ClientSpec spec, String ns, Map<String, String> labels) {
        List<String> selecting = ProbePods.servicesSelecting(labels, client.services().inNamespace(ns).list().getItems());
        if (!selecting.isEmpty()) {
            throw Misuse.argument("probe client '" + spec.name() + "' (labels " + spec.labels() + ")", "its labels match the"
                    + " selector of " + String.join(", ", selecting) + " in namespace " + ns + ", so the probe pod would"
                    + " become an endpoint of that service and answer in place of its servers",
                    "give the client labels that no service selects (e.g. role=client), or probe from the servers"
                            + " themselves (NetTest.existingPod, or a policy model: NetTest.model)");
        }
    }

    private synchronized String createCompanion(String logical, Map<String, String> labels) {
        String existing = companions.get(logical);
        if (existing != null) {
            return existing;
        }
        String name = NamespaceNames.companion(namespace, logical);
        // Recorded before creation so that a half-created namespace is still deleted with the session.
        companions.put(logical, name);
        companionOrder.add(name);
        namespaces.create(name, NamespaceLabels.labels(runId, labels), Map.of());
        return name;
    }

    private String ip(String ns, String pod) {
        Pod p = client.pods().inNamespace(ns).withName(pod).get();
        return p == null || p.getStatus() == null ? null : p.getStatus().getPodIP();
    }

    private static String key(ClientSpec spec) {
        return (spec.namespace() == null ? "" : spec.namespace()) + "/" + spec.name();
    }
}
