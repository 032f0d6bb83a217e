package io.k8snettest.matrix;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.Locality;
import io.k8snettest.k8s.Nodes;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.plan.NamespaceNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per cell of a matrix, whether its probes crossed nodes ({@link Locality}), from the pods'
 * {@code spec.nodeName}: the source's node against the target pod's, or a service's ready endpoints'.
 */
final class MatrixLocality {

    static final String LEGEND = "nodes (from the pods' spec.nodeName): S same node, X cross-node,"
            + " B both (a service with endpoints on the source's node and on others), ? unknown";

    private MatrixLocality() {
    }

    /** The nodes of the pods that can answer for each column; empty for an address (unknown). */
    static List<List<String>> targetNodes(KubernetesClient client, String namespace, MatrixPlan plan) {
        List<List<String>> nodes = new ArrayList<>();
        for (MatrixPlan.Target target : plan.targets()) {
            String ns = target.namespace() == null ? namespace : NamespaceNames.companion(namespace, target.namespace());
            nodes.add(switch (target.kind()) {
                case POD -> Arrays.asList(Nodes.of(client, ns, target.name()));
                case SERVICE -> Nodes.ofEndpoints(client, ns, ServiceTarget.resolve(client, ns, target.name(), target.port())
                        .endpoints(client));
                default -> List.of();
            });
        }
        return nodes;
    }

    /** {@code cells[source][target]}. Pure. */
    static Locality[][] cells(List<String> sourceNodes, List<List<String>> targetNodes) {
        Locality[][] cells = new Locality[sourceNodes.size()][targetNodes.size()];
        for (int s = 0; s < sourceNodes.size(); s++) {
            for (int t = 0; t < targetNodes.size(); t++) {
                cells[s][t] = Locality.of(sourceNodes.get(s), targetNodes.get(t));
            }
        }
        return cells;
    }

    /** The locality table: a row per source (with its node), a column per target (with its nodes). Pure. */
    static String render(List<String> sources, List<String> sourceNodes, List<String> targets,
                         List<List<String>> targetNodes, Locality[][] cells) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("source (node) \\ target (nodes)"));
        for (int t = 0; t < targets.size(); t++) {
            header.add(targets.get(t) + " " + (targetNodes.get(t).isEmpty() ? "(?)" : targetNodes.get(t).toString()));
        }
        rows.add(header);
        for (int s = 0; s < sources.size(); s++) {
            List<String> row = new ArrayList<>(List.of(sources.get(s) + " (" + sourceNodes.get(s) + ")"));
            for (Locality cell : cells[s]) {
                row.add(cell.mark());
            }
            rows.add(row);
        }
        return LEGEND + "\n" + MatrixTable.aligned(rows);
    }
}
