package io.k8snettest.api;

/**
 * Whether a probe crossed nodes, from the pods' {@code spec.nodeName}: the client's node against the
 * node(s) of the pod(s) that can answer (a pod target's node, a service's ready endpoints' nodes).
 */
public enum Locality {
    /** Every pod that can answer runs on the client's node. */
    SAME_NODE("same-node", "S"),
    /** No pod that can answer runs on the client's node. */
    CROSS_NODE("cross-node", "X"),
    /** Some answer on the client's node, some on others (a service with endpoints on several nodes). */
    BOTH("same- and cross-node", "B"),
    /** Unknown: an address outside the cluster's pods, or a pod that has no node (yet). */
    UNKNOWN("unknown", "?");

    private final String text;
    private final String mark;

    Locality(String text, String mark) {
        this.text = text;
        this.mark = mark;
    }

    /** One letter for tables: {@code S}, {@code X}, {@code B}, {@code ?}. */
    public String mark() {
        return mark;
    }

    /** {@code same-node}, {@code cross-node}, ... */
    @Override
    public String toString() {
        return text;
    }

    /** The locality of a probe from {@code clientNode} to pods on {@code targetNodes} (null or empty: unknown). */
    public static Locality of(String clientNode, java.util.Collection<String> targetNodes) {
        if (clientNode == null || targetNodes == null || targetNodes.isEmpty()
                || targetNodes.stream().anyMatch(java.util.Objects::isNull)) {
            return UNKNOWN;
        }
        long same = targetNodes.stream().filter(clientNode::equals).count();
        return same == targetNodes.size() ? SAME_NODE : same == 0 ? CROSS_NODE : BOTH;
    }
}
