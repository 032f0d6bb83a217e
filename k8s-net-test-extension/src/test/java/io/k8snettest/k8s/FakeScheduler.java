package io.k8snettest.k8s;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the scheduler and kubelet for probe client pods against the mock API server: a pod without a
 * node gets the first node its required node affinity ({@code matchFields metadata.name In/NotIn}) and
 * {@link Nodes#whyUnschedulable} allow, and nodes labelled {@link #FULL} refuse (as a node without room
 * would), then runs Ready with an IP; when no node fits, it stays Pending with {@code PodScheduled=False,
 * reason Unschedulable}, as the real scheduler reports it. No data plane.
 */
public final class FakeScheduler implements AutoCloseable {

    /** A node carrying this label takes no more pods (as if its resources were used up). */
    public static final String FULL = "k8snet-test/full";

    private final KubernetesClient client;
    private final String namespace;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger nextIp = new AtomicInteger(100);

    public FakeScheduler(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        loop.scheduleWithFixedDelay(this::scheduleQuietly, 0, 50, TimeUnit.MILLISECONDS);
    }

    /** A Ready node of this name. */
    public static Node node(String name) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
    }

    /** A pod of the namespace running on {@code node} with {@code labels}. */
    public static Pod pod(String namespace, String name, String node, java.util.Map<String, String> labels) {
        return new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).endMetadata().withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("nginx")
                .endContainer().endSpec().withNewStatus().withPhase("Running").withPodIP("10.42.1." + name.length()).endStatus().build();
    }

    /** The node a pod with {@code spec} goes to, or null when none fits. Pure. */
    public static String place(List<Node> nodes, PodSpec spec) {
        return nodes.stream().filter(n -> Nodes.whyUnschedulable(n).isEmpty())
                .filter(n -> n.getMetadata().getLabels() == null || !n.getMetadata().getLabels().containsKey(FULL))
                .map(n -> n.getMetadata().getName()).filter(name -> allows(spec, name)).findFirst().orElse(null);
    }

    private static boolean allows(PodSpec spec, String node) {
        if (spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null) {
            return true;
        }
        return spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()
                .stream().anyMatch(term -> term.getMatchFields().stream().allMatch(f -> matches(f, node)));
    }

    private static boolean matches(NodeSelectorRequirement field, String node) {
        return "In".equals(field.getOperator()) == field.getValues().contains(node);
    }

    private void scheduleQuietly() {
        try {
            for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
                if (pod.getStatus() == null || pod.getStatus().getPhase() == null) {
                    schedule(pod);
                }
            }
        } catch (RuntimeException e) {
            // the next round retries
        }
    }

    private void schedule(Pod pod) {
        String node = place(Nodes.all(client), pod.getSpec());
        if (node == null) {
            pod.setStatus(new PodStatusBuilder().withPhase("Pending").addNewCondition().withType("PodScheduled")
                    .withStatus("False").withReason("Unschedulable").withMessage("0/" + Nodes.all(client).size()
                            + " nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 Insufficient cpu")
                    .endCondition().build());
            client.pods().inNamespace(namespace).resource(pod).updateStatus();
            return;
        }
        pod.getSpec().setNodeName(node);
        Pod placed = client.pods().inNamespace(namespace).resource(pod).update();
        placed.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP("10.42.2." + nextIp.getAndIncrement())
                .addNewCondition().withType("Ready").withStatus("True").endCondition().build());
        client.pods().inNamespace(namespace).resource(placed).updateStatus();
    }

    @Override
    public void close() throws InterruptedException {
        loop.shutdownNow();
        loop.awaitTermination(5, TimeUnit.SECONDS);
    }
}
