package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/** Reading nodes: which can take a probe or workload pod, and where a pod runs. */
@API(status = INTERNAL, since = "0.1")
public final class Nodes {

    private Nodes() {
    }

    /** Every node, sorted by name. */
    public static List<Node> all(KubernetesClient client) {
        return client.nodes().list().getItems().stream()
                .sorted(Comparator.comparing((Node n) -> n.getMetadata().getName())).toList();
    }

    /** The names of the nodes a pod without tolerations can be scheduled to, sorted. */
    public static List<String> schedulable(KubernetesClient client) {
        return all(client).stream().filter(n -> whyUnschedulable(n).isEmpty()).map(n -> n.getMetadata().getName()).toList();
    }

    /**
     * Why a pod without tolerations cannot be scheduled to {@code node}: cordoned ({@code spec.unschedulable}),
     * not Ready, or a {@code NoSchedule}/{@code NoExecute} taint; empty when it can. Pure.
     */
    public static Optional<String> whyUnschedulable(Node node) {
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return Optional.of("cordoned (spec.unschedulable)");
        }
        boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        if (!ready) {
            return Optional.of("not Ready");
        }
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        return taints.stream().filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
                .findFirst().map(t -> "tainted " + t.getKey() + (t.getValue() == null ? "" : "=" + t.getValue()) + ":" + t.getEffect());
    }

    /** {@code [a (schedulable), b (cordoned (spec.unschedulable))]}, for messages. Pure. */
    public static String describe(List<Node> nodes) {
        return nodes.stream().map(n -> n.getMetadata().getName() + " (" + whyUnschedulable(n).orElse("schedulable") + ")")
                .toList().toString();
    }

    /** The node a pod runs on ({@code spec.nodeName}), or null when it is absent or not scheduled. */
    public static String of(KubernetesClient client, String namespace, String pod) {
        return of(client.pods().inNamespace(namespace).withName(pod).get());
    }

    /**
     * The nodes of a service's endpoints, one per endpoint: its pod's {@code spec.nodeName} (the endpoint's
     * {@code nodeName} when the pod is not known), null when neither says.
     */
    public static List<String> ofEndpoints(KubernetesClient client, String namespace,
                                           List<io.k8snettest.api.ServiceHandle.Endpoint> endpoints) {
        return endpoints.stream().map(e -> {
            String node = e.podName() == null ? null : of(client, namespace, e.podName());
            return node != null ? node : e.nodeName();
        }).distinct().toList();
    }

    /** The node a pod runs on ({@code spec.nodeName}), or null. Pure. */
    public static String of(Pod pod) {
        return pod == null || pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    }
}
