package io.k8snettest.check;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.Locality;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.k8s.Nodes;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.Destination;
import io.k8snettest.probe.ProbeClients;
import java.util.List;

/**
 * Whether a declared check's probes cross nodes ({@link Locality}), from the pods' {@code spec.nodeName}:
 * the client's node against the nodes of the pods that answer at the destination (the endpoint probed,
 * or every ready endpoint of the service for a ClusterIP or DNS name).
 */
final class CheckLocality {

    /** The report entry of the checks' localities, one line per client and destination. */
    static final String REPORT_KEY = "k8snet.placement";

    private final KubernetesClient client;
    private final ProbeClients clients;

    CheckLocality(KubernetesClient client, ProbeClients clients) {
        this.client = client;
        this.clients = clients;
    }

    /** {@code client on node a, answering pods on [a, b]: same- and cross-node}. */
    String describe(DefaultProbeClient from, ServiceTarget target, Destination destination) {
        String node = clients.nodeOf(from);
        List<String> nodes = answering(target, destination);
        return "client on node " + (node == null ? "?" : node) + ", answering pods on " + (nodes.isEmpty() ? "[?]" : nodes)
                + ": " + Locality.of(node, nodes);
    }

    private List<String> answering(ServiceTarget target, Destination destination) {
        List<ServiceHandle.Endpoint> endpoints = target.endpoints(client);
        if (destination instanceof Destination.Fixed fixed) {
            List<ServiceHandle.Endpoint> probed = endpoints.stream().filter(e -> e.ip().equals(fixed.host())).toList();
            if (!probed.isEmpty()) {
                endpoints = probed;
            }
        }
        return Nodes.ofEndpoints(client, target.namespace(), endpoints);
    }
}
