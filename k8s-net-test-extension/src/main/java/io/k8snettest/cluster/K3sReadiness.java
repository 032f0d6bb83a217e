package io.k8snettest.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.K8sNetTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * After the k3s container reports up: waits until every node is Ready and CoreDNS
 * ({@code kube-system/coredns}) has an available replica, so the first test finds a cluster that
 * schedules pods and resolves service names. Bounded by what is left of {@value K8sNetTest#K3S_STARTUP_TIMEOUT_KEY}.
 */
final class K3sReadiness {

    private static final Duration POLL = Duration.ofMillis(500);

    private K3sReadiness() {
    }

    /** What is not ready yet, or empty when the cluster is. */
    static Optional<String> notReady(List<Node> nodes, Deployment coredns) {
        if (nodes.isEmpty()) {
            return Optional.of("no node has registered");
        }
        for (Node node : nodes) {
            Optional<NodeCondition> ready = node.getStatus() == null || node.getStatus().getConditions() == null ? Optional.empty()
                    : node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
            if (ready.isEmpty() || !"True".equals(ready.get().getStatus())) {
                return Optional.of("node " + node.getMetadata().getName() + " is not Ready"
                        + ready.map(c -> " (" + c.getReason() + ": " + c.getMessage() + ")").orElse(""));
            }
        }
        if (coredns == null) {
            return Optional.of("deployment kube-system/coredns does not exist yet");
        }
        Integer available = coredns.getStatus() == null ? null : coredns.getStatus().getAvailableReplicas();
        if (available == null || available < 1) {
            return Optional.of("deployment kube-system/coredns has no available replica");
        }
        return Optional.empty();
    }

    /** Waits up to {@code timeout}; throws {@link ClusterException} naming what is not ready and the setting. */
    static void await(KubernetesClient client, Duration timeout, boolean nodeReadyWithoutTests) {
        String[] last = {"nothing checked yet"};
        try {
            Awaitility.await("k3s node Ready and CoreDNS available").atMost(timeout.isNegative() ? Duration.ZERO : timeout)
                    .pollInterval(POLL).ignoreExceptions().until(() -> {
                        List<Node> nodes = client.nodes().list().getItems();
                        if (!nodeReadyWithoutTests) {
                            last[0] = nodes.isEmpty() ? "no node has registered" : "";
                            return !nodes.isEmpty();
                        }
                        Deployment coredns = client.apps().deployments().inNamespace("kube-system").withName("coredns").get();
                        Optional<String> missing = notReady(nodes, coredns);
                        last[0] = missing.orElse("");
                        return missing.isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            throw new ClusterException("the k3s container started, but within " + K8sNetTest.K3S_STARTUP_TIMEOUT_KEY + " ("
                    + timeout.toSeconds() + "s left after the container start) the cluster did not become usable: " + last[0]
                    + "; raise " + K8sNetTest.K3S_STARTUP_TIMEOUT_KEY + " on a slow machine, or check "
                    + K8sNetTest.K3S_SERVER_ARGS_KEY + " (a disabled CNI leaves the node NotReady)", e);
        }
    }
}
