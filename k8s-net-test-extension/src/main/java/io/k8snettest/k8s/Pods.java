package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** Reading pods: which match a selector, which are Ready, their IPs. */
@API(status = INTERNAL, since = "0.1")
public final class Pods {

    private Pods() {
    }

    /** Pods matching the labels that are not being deleted. */
    public static List<Pod> live(KubernetesClient client, String namespace, Map<String, String> selector) {
        return client.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    /** Running with condition Ready=True. Pure. */
    public static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase()) && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** IPs of the Ready pods. Pure. */
    public static Set<String> readyIps(List<Pod> pods) {
        return pods.stream().filter(Pods::isReady).map(p -> p.getStatus().getPodIP()).filter(ip -> ip != null)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@code name (phase, ip)} list for wait states. Pure. */
    public static String summary(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName() + "(" + (p.getStatus() == null ? "?" : p.getStatus().getPhase())
                + (isReady(p) ? ", Ready" : ", not Ready") + ")").toList().toString();
    }
}
