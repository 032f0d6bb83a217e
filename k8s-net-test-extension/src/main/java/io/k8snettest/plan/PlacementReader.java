package io.k8snettest.plan;

import io.k8snettest.api.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and checks node placement without a cluster: a check's client placement
 * ({@code clientNode}, {@code clientSameNodeAs}, {@code clientOtherNodeThan}, {@code fromEveryNode})
 * and a deployment's ({@code node}, {@code spreadAcrossNodes}). Whether the cluster can satisfy it
 * (the node exists, a second node is there) is decided when the pods are created ({@code k8s.NodePlacement}).
 */
final class PlacementReader {

    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    static final String NODE_NAME_RULE = "a node name is a DNS-1123 subdomain (lower-case letters, digits, '-' and '.',"
            + " at most 253); kubectl get nodes lists them";

    private PlacementReader() {
    }

    /**
     * The placement a check's attributes give its client: at most one of them.
     *
     * @return {@link Placement#anyNode()} when none is set
     */
    static Placement client(String origin, String node, String sameNodeAs, String otherNodeThan, boolean everyNode) {
        List<String> set = new ArrayList<>();
        if (!node.isEmpty()) {
            set.add("clientNode=" + Misuse.render(node));
        }
        if (!sameNodeAs.isEmpty()) {
            set.add("clientSameNodeAs=" + Misuse.render(sameNodeAs));
        }
        if (!otherNodeThan.isEmpty()) {
            set.add("clientOtherNodeThan=" + Misuse.render(otherNodeThan));
        }
        if (everyNode) {
            set.add("fromEveryNode=true");
        }
        if (set.size() > 1) {
            throw Misuse.at(origin, String.join(" and ", set) + " contradict each other (a client runs on one node;"
                    + " fromEveryNode places one client on each node itself)", "keep one of them");
        }
        if (!node.isEmpty()) {
            requireNodeName(origin, "clientNode", node);
            return Placement.onNode(node);
        }
        if (!sameNodeAs.isEmpty()) {
            requirePodReference(origin, "clientSameNodeAs", sameNodeAs);
            return Placement.sameNodeAs(sameNodeAs);
        }
        if (!otherNodeThan.isEmpty()) {
            requirePodReference(origin, "clientOtherNodeThan", otherNodeThan);
            return Placement.otherNodeThan(otherNodeThan);
        }
        return Placement.anyNode();
    }

    /** A deployment's {@code node} / {@code spreadAcrossNodes}: not both, spreading needs two replicas. */
    static void deployment(String origin, String node, boolean spread, int replicas) {
        if (!node.isEmpty() && spread) {
            throw Misuse.at(origin, "node=" + Misuse.render(node) + " and spreadAcrossNodes=true contradict each other"
                    + " (pinned replicas all run on one node)", "remove node to spread the replicas, or spreadAcrossNodes"
                    + " to pin them");
        }
        if (!node.isEmpty()) {
            requireNodeName(origin, "node", node);
        }
        if (spread && replicas < 2) {
            throw Misuse.value(origin, "replicas", replicas, "leaves nothing to spread, but spreadAcrossNodes=true",
                    "set replicas to 2 or more, or remove spreadAcrossNodes");
        }
    }

    /** A node name as Kubernetes allows it (the cluster is asked later whether it has that node). */
    static void requireNodeName(String origin, String element, String node) {
        if (node.length() > 253 || !DNS_1123_SUBDOMAIN.matcher(node).matches()) {
            throw Misuse.value(origin, element, node, "is not a node name", NODE_NAME_RULE + "; fix " + element);
        }
    }

    /** {@code pod}, {@code namespace/pod} or an equality selector {@code key=value[,key=value]}. */
    static void requirePodReference(String origin, String element, String reference) {
        if (reference.contains("=")) {
            try {
                EqualitySelector.parse(origin + ": " + element, reference);
            } catch (IllegalArgumentException e) {
                throw Misuse.at(origin, element + "=" + Misuse.render(reference) + " is no label selector: "
                        + e.getMessage(), "write a pod name (\"web-0\", \"other/web-0\") or key=value terms (\"app=web\")");
            }
            return;
        }
        int slash = reference.indexOf('/');
        boolean valid = slash < 0 ? KubernetesNames.isDns1123Label(reference)
                : KubernetesNames.isDns1123Label(reference.substring(0, slash))
                && KubernetesNames.isDns1123Label(reference.substring(slash + 1));
        if (!valid) {
            throw Misuse.value(origin, element, reference, "is neither a pod name nor a label selector",
                    "write \"web-0\" (a pod of the test namespace), \"other/web-0\" (of companion namespace other) or"
                            + " \"app=web\" (the pods a selector matches)");
        }
    }
}
