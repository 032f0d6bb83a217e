package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.Placement;
import io.k8snettest.plan.DeploymentSpec;
import io.k8snettest.plan.EqualitySelector;
import io.k8snettest.plan.NamespaceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Turns a {@link Placement} into the node affinity of a pod, asking the cluster what it needs (the
 * nodes, the referenced pods' {@code spec.nodeName}); and refuses, before any pod is created, what the
 * cluster cannot satisfy: a node it does not have or cannot schedule to, no schedulable node other
 * than a pod's (a one-node cluster: a cross-node probe would be same-node traffic), too few nodes to spread.
 */
@API(status = INTERNAL, since = "0.1")
public final class NodePlacement {

    /** The remedy when the cluster has too few schedulable nodes for a placement. */
    public static final String MORE_NODES = "run it on a cluster with at least two schedulable nodes (the local cluster:"
            + " .ci/local-cluster with a node count of 2, see README \"Node placement\")";

    private final KubernetesClient client;
    private final String namespace;

    /** @param namespace the test namespace (pod references without a namespace are there) */
    public NodePlacement(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /**
     * The affinity of a probe pod placed as {@code placement}; null for any node.
     *
     * @param who names the client in messages, e.g. {@code probe client 'far'}
     * @throws IllegalArgumentException naming the placement, the reason and the fix when it cannot be satisfied
     */
    public Affinity affinity(Placement placement, String who) {
        if (placement.isAny()) {
            return null;
        }
        String subject = who + " placed " + placement + " (" + attribute(placement.kind()) + ")";
        List<Node> nodes = Nodes.all(client);
        return switch (placement.kind()) {
            case NODE -> ResourceFactory.nodeAffinity("In", List.of(requireSchedulable(nodes, placement.value(), subject)));
            case SAME_NODE_AS -> {
                List<String> of = nodesOf(placement.value(), subject);
                if (of.size() > 1) {
                    throw new IllegalArgumentException(subject + ": the pods " + placement.value() + " run on several nodes "
                            + of + ", so \"the same node\" is not one node; name one pod (e.g. \"" + podsOf(placement.value())
                            .get(0).getMetadata().getName() + "\") or pin the client with clientNode / ClientSpec.Builder.onNode");
                }
                yield ResourceFactory.nodeAffinity("In", List.of(requireSchedulable(nodes, of.get(0), subject)));
            }
            case OTHER_NODE_THAN -> {
                List<String> avoided = nodesOf(placement.value(), subject);
                List<String> others = new ArrayList<>(Nodes.schedulable(client));
                others.removeAll(avoided);
                if (others.isEmpty()) {
                    throw new IllegalArgumentException(subject + ": " + placement.value() + " runs on " + avoided
                            + " and the cluster has no other schedulable node (nodes: " + Nodes.describe(nodes) + "), so the"
                            + " probe would be same-node traffic, which must never pass as cross-node; " + MORE_NODES
                            + ", or remove the placement");
                }
                yield ResourceFactory.nodeAffinity("NotIn", avoided);
            }
            default -> null;
        };
    }

    /**
     * The schedulable nodes for "from every node": at least two.
     *
     * @param subject names the check or matrix source, and how it asked (e.g. {@code fromEveryNode=true})
     */
    public List<String> everyNode(String subject) {
        List<String> schedulable = Nodes.schedulable(client);
        if (schedulable.size() < 2) {
            throw new IllegalArgumentException(subject + ": one client per schedulable node needs at least two of them to"
                    + " probe across nodes, the cluster has " + schedulable.size() + " (nodes: " + Nodes.describe(Nodes.all(client))
                    + "); " + MORE_NODES + ", or probe from one client");
        }
        return schedulable;
    }

    /** Refuses, before the deployment exists, a pinned node the cluster cannot take pods on, or spreading over one node. */
    public void check(DeploymentSpec deployment) {
        if (!deployment.node().isEmpty()) {
            requireSchedulable(Nodes.all(client), deployment.node(), deployment.origin() + ": node=\"" + deployment.node() + "\"");
        }
        if (deployment.spread()) {
            List<String> schedulable = Nodes.schedulable(client);
            if (schedulable.size() < 2) {
                throw new IllegalArgumentException(deployment.origin() + ": spreadAcrossNodes=true needs at least two"
                        + " schedulable nodes, the cluster has " + schedulable.size() + " (nodes: "
                        + Nodes.describe(Nodes.all(client)) + "), so every replica would run on one node; " + MORE_NODES
                        + ", or remove spreadAcrossNodes");
            }
        }
    }

    private static String requireSchedulable(List<Node> nodes, String name, String subject) {
        Optional<Node> node = nodes.stream().filter(n -> name.equals(n.getMetadata().getName())).findFirst();
        if (node.isEmpty()) {
            throw new IllegalArgumentException(subject + ": the cluster has no node \"" + name + "\"; nodes: "
                    + Nodes.describe(nodes) + "; name one of them (kubectl get nodes)");
        }
        Nodes.whyUnschedulable(node.get()).ifPresent(why -> {
            throw new IllegalArgumentException(subject + ": node " + name + " takes no new pods: " + why + "; nodes: "
                    + Nodes.describe(nodes) + "; uncordon it (kubectl uncordon " + name + "), wait until it is Ready, or"
                    + " place the pod on another node");
        });
        return name;
    }

    /** The nodes the referenced pod(s) run on, sorted; fails when there is none or one is not scheduled yet. */
    private List<String> nodesOf(String reference, String subject) {
        List<Pod> pods = podsOf(reference);
        if (pods.isEmpty()) {
            throw new IllegalArgumentException(subject + ": no running pod matches \"" + reference + "\" in namespace "
                    + namespaceOf(reference) + "; pods there: " + client.pods().inNamespace(namespaceOf(reference)).list()
                    .getItems().stream().map(p -> p.getMetadata().getName()).toList()
                    + "; fix the reference, or create the pod before the client (its node decides where the client runs)");
        }
        TreeSet<String> nodes = new TreeSet<>();
        for (Pod pod : pods) {
            String node = Nodes.of(pod);
            if (node == null) {
                throw new IllegalArgumentException(subject + ": pod " + pod.getMetadata().getName() + " is not scheduled"
                        + " yet (no spec.nodeName), so its node is unknown; place the client after the pod is Ready");
            }
            nodes.add(node);
        }
        return List.copyOf(nodes);
    }

    private List<Pod> podsOf(String reference) {
        if (reference.contains("=")) {
            return Pods.live(client, namespace, EqualitySelector.parse("placement", reference));
        }
        String name = reference.substring(reference.indexOf('/') + 1);
        Pod pod = client.pods().inNamespace(namespaceOf(reference)).withName(name).get();
        return pod == null || pod.getMetadata().getDeletionTimestamp() != null ? List.of() : List.of(pod);
    }

    private String namespaceOf(String reference) {
        int slash = reference.indexOf('/');
        return slash < 0 || reference.contains("=") ? namespace : NamespaceNames.companion(namespace, reference.substring(0, slash));
    }

    /** The annotation attribute and builder method of a placement kind, for messages. */
    static String attribute(Placement.Kind kind) {
        return switch (kind) {
            case NODE -> "clientNode / ClientSpec.Builder.onNode";
            case SAME_NODE_AS -> "clientSameNodeAs / ClientSpec.Builder.sameNodeAs";
            case OTHER_NODE_THAN -> "clientOtherNodeThan / ClientSpec.Builder.otherNodeThan";
            case ANY -> "no placement";
        };
    }
}
