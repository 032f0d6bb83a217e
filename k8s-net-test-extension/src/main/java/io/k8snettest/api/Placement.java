package io.k8snettest.api;

import java.util.Objects;

/**
 * Where a probe client's pod runs: on any node the scheduler picks (the default), on a given node,
 * on the same node as a pod, or on a node other than a pod's. See README "Node placement".
 *
 * <p>Every placement becomes a required node affinity on the node's name ({@code matchFields:
 * metadata.name}, as the DaemonSet controller places its pods), resolved when the client is created:
 * the referenced pod's {@code spec.nodeName} is read then. So it is deterministic (exactly that node,
 * or any node but those), the scheduler still honours cordons and taints and reports why a pod does
 * not fit (which fails at once), and a placement that the cluster cannot satisfy (a node that does
 * not exist, no schedulable node other than the pod's) fails before the pod is created, naming the
 * reason.
 *
 * <p>A pod is referenced as {@code "web-0"} (test namespace), {@code "other/web-0"} (companion
 * namespace {@code other}) or by an equality label selector {@code "app=web"} (every running pod of
 * the test namespace it matches: same node needs them all on one node, other node avoids all of
 * their nodes).
 *
 * @param kind  what the placement asks for
 * @param value the node name ({@link Kind#NODE}), the pod reference ({@link Kind#SAME_NODE_AS},
 *              {@link Kind#OTHER_NODE_THAN}); empty for {@link Kind#ANY}
 */
public record Placement(Kind kind, String value) {

    /** What a placement asks for. */
    public enum Kind {
        /** Any node the scheduler picks. */
        ANY,
        /** The node named {@link #value()}. */
        NODE,
        /** The node that runs the pod(s) {@link #value()} refers to. */
        SAME_NODE_AS,
        /** Any schedulable node except those that run the pod(s) {@link #value()} refers to. */
        OTHER_NODE_THAN
    }

    private static final Placement ANY_NODE = new Placement(Kind.ANY, "");

    public Placement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if ((kind == Kind.ANY) != value.isEmpty()) {
            throw new IllegalArgumentException("Placement " + kind + ": " + (value.isEmpty()
                    ? "needs a node name or pod reference, got an empty one; give e.g. \"worker-1\" or \"web-0\""
                    : "takes no value, got \"" + value + "\"; use Placement.anyNode()"));
        }
    }

    /** Any node the scheduler picks (the default). */
    public static Placement anyNode() {
        return ANY_NODE;
    }

    /** Exactly the node {@code nodeName} (its {@code metadata.name}). */
    public static Placement onNode(String nodeName) {
        return new Placement(Kind.NODE, nodeName);
    }

    /** The node of the pod {@code pod} ({@code "web-0"}, {@code "other/web-0"} or a selector {@code "app=web"}). */
    public static Placement sameNodeAs(String pod) {
        return new Placement(Kind.SAME_NODE_AS, pod);
    }

    /** A node other than that of {@code pod}; needs a second schedulable node, else fails at once. */
    public static Placement otherNodeThan(String pod) {
        return new Placement(Kind.OTHER_NODE_THAN, pod);
    }

    /** Whether this is the default, {@link #anyNode()}. */
    public boolean isAny() {
        return kind == Kind.ANY;
    }

    /** As written with the builder, e.g. {@code otherNodeThan("web-0")}. */
    @Override
    public String toString() {
        return switch (kind) {
            case ANY -> "anyNode()";
            case NODE -> "onNode(\"" + value + "\")";
            case SAME_NODE_AS -> "sameNodeAs(\"" + value + "\")";
            case OTHER_NODE_THAN -> "otherNodeThan(\"" + value + "\")";
        };
    }
}
