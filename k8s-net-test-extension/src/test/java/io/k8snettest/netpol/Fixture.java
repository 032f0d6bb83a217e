package io.k8snettest.netpol;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small hand-made inputs for the per-rule tests. */
final class Fixture {

    private Fixture() {
    }

    /** {@code k=v,k2=v2} as a map ({@code ""} is no labels). */
    static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.isEmpty() ? new String[0] : text.split(",")) {
            String[] kv = pair.split("=", 2);
            labels.put(kv[0], kv[1]);
        }
        return labels;
    }

    /** A pod {@code ns/name} with labels, an IP and container ports. */
    static PodInfo pod(String ref, String labels, String ip, ContainerPort... ports) {
        String[] parts = ref.split("/");
        return new PodInfo(parts[0], parts[1], labels(labels), ip, Arrays.asList(ports));
    }

    /** Namespaces x (team=blue), y (team=green), z (no team label), each with the name label. */
    static List<NamespaceInfo> namespaces() {
        return List.of(NamespaceInfo.of("x", labels("team=blue")), NamespaceInfo.of("y", labels("team=green")),
                NamespaceInfo.of("z", Map.of()));
    }

    static PolicyEngine engine(NetworkPolicy... policies) {
        return new PolicyEngine(List.of(policies), namespaces());
    }

    static boolean allowed(PolicyEngine engine, Endpoint from, Endpoint to, int port) {
        return engine.explain(Cell.tcp(from, to, port)).allowed();
    }
}
