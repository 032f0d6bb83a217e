package io.k8snettest.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.K8sNetTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * After the k3s containers report up: waits until every node (the agents' included, each by name) is Ready and CoreDNS
 * ({@code kube-system/coredns}) has an available replica, so the first test finds a cluster that
 * schedules pods and resolves service names. Bounded by what is left of {@value K8sNetTest#K3S_STARTUP_TIMEOUT_KEY}.
 */
final class K3sReadiness {

    private static final Duration POLL = Duration.ofMillis(500);

    private K3sReadiness() {
    }

    /** What is not ready yet, or empty when the cluster is. */
    static Optional<String> notReady(List<Node> nodes, Deployment coredns) {
        return notReady(nodes, coredns, List.of());
    }

    /** Like {@link #notReady(List, Deployment)}, and each of the {@code agents} must have registered its node. */
    static Optional<String> notReady(List<Node> nodes, Deployment coredns, List<String> agents) {
        if (nodes.isEmpty()) {
            return Optional.of("no node has registered");
        }
        Optional<String> unregistered = unregistered(nodes, agents);
        if (unregistered.isPresent()) {
            return unregistered;
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

    private static Optional<String> unregistered(List<Node> nodes, List<String> agents) {
        List<String> names = nodes.stream().map(n -> n.getMetadata().getName()).toList();
        return agents.stream().filter(a -> !names.contains(a)).findFirst()
                .map(a -> "node " + a + " of the k3s agent of that name has not registered");
    }

    /** Waits up to {@code timeout}; throws {@link ClusterException} naming what is not ready and the setting. */
    static void await(KubernetesClient client, Duration timeout, boolean nodeReadyWithoutTests) {
        await(client, timeout, nodeReadyWithoutTests, List.of(), name -> "");
    }

    /**
     * Like {@link #await(KubernetesClient, Duration, boolean)}, and every agent's node must be there (and Ready, unless
     * nodes cannot be Ready without tests); a timeout on an agent's node names that agent and adds {@code agentLog}
     * of it.
     */
    static void await(KubernetesClient client, Duration timeout, boolean nodeReadyWithoutTests, List<String> agents,
                      UnaryOperator<String> agentLog) {
        String[] last = {"nothing checked yet"};
        String name = agents.isEmpty() ? "k3s node Ready and CoreDNS available"
                : "k3s server and " + agents.size() + " agent node(s) Ready and CoreDNS available";
        try {
            Awaitility.await(name).atMost(timeout.isNegative() ? Duration.ZERO : timeout)
                    .pollInterval(POLL).ignoreExceptions().until(() -> {
                        List<Node> nodes = client.nodes().list().getItems();
                        if (!nodeReadyWithoutTests) {
                            last[0] = nodes.isEmpty() ? "no node has registered" : unregistered(nodes, agents).orElse("");
                            return last[0].isEmpty();
                        }
                        Deployment coredns = client.apps().deployments().inNamespace("kube-system").withName("coredns").get();
                        Optional<String> missing = notReady(nodes, coredns, agents);
                        last[0] = missing.orElse("");
                        return missing.isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            Optional<String> agent = agents.stream().filter(a -> last[0].startsWith("node " + a + " ")).findFirst();
            if (agent.isPresent()) {
                throw new ClusterException("the k3s agent " + agent.get() + " did not become a Ready node within "
                        + K8sNetTest.K3S_STARTUP_TIMEOUT_KEY + " (" + timeout.toSeconds() + "s left after the containers"
                        + " started): " + last[0] + "; raise " + K8sNetTest.K3S_STARTUP_TIMEOUT_KEY + " on a slow machine,"
                        + " or set " + K8sNetTest.K3S_AGENTS_KEY + "=0 for a single node; " + agentLog.apply(agent.get()), e);
            }
            throw new ClusterException("the k3s container started, but within " + K8sNetTest.K3S_STARTUP_TIMEOUT_KEY + " ("
                    + timeout.toSeconds() + "s left after the container start) the cluster did not become usable: " + last[0]
                    + "; raise " + K8sNetTest.K3S_STARTUP_TIMEOUT_KEY + " on a slow machine, or check "
                    + K8sNetTest.K3S_SERVER_ARGS_KEY + " (a disabled CNI leaves the node NotReady)", e);
        }
    }
}
