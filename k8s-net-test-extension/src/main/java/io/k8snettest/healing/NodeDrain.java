package io.k8snettest.healing;

import io.k8snettest.k8s.Conflicts;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.k8s.Nodes;
import io.k8snettest.k8s.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A drain of one node, limited to what the test created: the node is cordoned (marked unschedulable)
 * so the replacements go elsewhere, the service's pods on it are evicted through the Eviction API
 * (which honours PodDisruptionBudgets, like {@code kubectl drain}), and the node is uncordoned
 * afterwards unless it was cordoned before. Other pods on the node are never touched.
 */
final class NodeDrain {

    private final KubernetesClient client;
    private final String node;
    private final List<String> pods;
    private final boolean wasCordoned;
    private boolean cordoned;

    private NodeDrain(KubernetesClient client, String node, List<String> pods, boolean wasCordoned) {
        this.client = client;
        this.node = node;
        this.pods = pods;
        this.wasCordoned = wasCordoned;
    }

    /**
     * Checks the node and what runs there before anything changes.
     *
     * @throws IllegalArgumentException naming the service, the node and the nodes of its endpoints, when the
     *                                  node is unknown, runs none of the service's ready pods, or is the only
     *                                  schedulable node left for them
     */
    static NodeDrain of(KubernetesClient client, String node, String service, List<String> pods,
                        List<ServiceHandle.Endpoint> endpoints) {
        String where = "; the endpoints of service " + service + " run on " + byNode(endpoints);
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("drainNodeAndAwaitHealing: no node name given" + where);
        }
        Node n = client.nodes().withName(node).get();
        if (n == null) {
            throw new IllegalArgumentException("drainNodeAndAwaitHealing(\"" + node + "\"): the cluster has no node "
                    + node + " (its nodes: " + Nodes.describe(Nodes.all(client)) + ")" + where);
        }
        if (pods.isEmpty()) {
            throw new IllegalArgumentException("drainNodeAndAwaitHealing(\"" + node + "\"): no ready pod of service "
                    + service + " runs on " + node + where + "; drain one of those nodes");
        }
        boolean otherSchedulable = Nodes.schedulable(client).stream().anyMatch(x -> !node.equals(x));
        if (!otherSchedulable) {
            throw new IllegalArgumentException("drainNodeAndAwaitHealing(\"" + node + "\"): the cluster has no other"
                    + " schedulable node, so the evicted pods of service " + service + " could not come back elsewhere;"
                    + " run it on a cluster with at least two schedulable nodes (see README \"Node placement\")");
        }
        return new NodeDrain(client, node, List.copyOf(pods), Boolean.TRUE.equals(n.getSpec().getUnschedulable()));
    }

    /** Cordons the node, then evicts the pods, retrying an eviction a PodDisruptionBudget refuses until {@code timeout}. */
    void cordonAndEvict(String namespace, Duration timeout) {
        if (!wasCordoned) {
            setUnschedulable(true);
            cordoned = true;
        }
        for (String pod : pods) {
            Waits.until("eviction of pod " + namespace + "/" + pod + " from node " + node, timeout,
                    () -> client.pods().inNamespace(namespace).withName(pod).get() == null
                            || client.pods().inNamespace(namespace).withName(pod).evict(),
                    () -> "the Eviction API refused it (a PodDisruptionBudget?)", () -> "");
        }
    }

    /** Uncordons the node if this drain cordoned it. */
    void restore() {
        if (cordoned) {
            setUnschedulable(false);
            cordoned = false;
        }
    }

    private void setUnschedulable(boolean value) {
        // the kubelet updates its node's status all the time: a conflict is retried on a fresh read
        Conflicts.retry(() -> client.nodes().withName(node).edit(n -> new NodeBuilder(n).editSpec()
                .withUnschedulable(value ? true : null).endSpec().build()));
    }

    private static Map<String, List<String>> byNode(List<ServiceHandle.Endpoint> endpoints) {
        return endpoints.stream().collect(Collectors.groupingBy(e -> String.valueOf(e.nodeName()), TreeMap::new,
                Collectors.mapping(ServiceHandle.Endpoint::podName, Collectors.toList())));
    }
}
