package io.k8snettest.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Identity of a probe client: its pod name, extra labels, namespace (a logical name of a companion
 * namespace the test creates and owns, or {@code null} for the test namespace), namespace labels,
 * environment, and the node it runs on ({@link Placement}; part of the identity: one name, one placement).
 */
public record ClientSpec(String name, Map<String, String> labels, String namespace,
                         Map<String, String> namespaceLabels, Map<String, String> env, Placement placement) {

    public ClientSpec {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        namespaceLabels = Map.copyOf(namespaceLabels);
        env = Map.copyOf(env);
        placement = placement == null ? Placement.anyNode() : placement;
    }

    /** A client on any node. */
    public ClientSpec(String name, Map<String, String> labels, String namespace, Map<String, String> namespaceLabels,
                      Map<String, String> env) {
        this(name, labels, namespace, namespaceLabels, env, Placement.anyNode());
    }

    /** This identity under another name and placement (e.g. one client per node). */
    public ClientSpec placed(String newName, Placement newPlacement) {
        return new ClientSpec(newName, labels, namespace, namespaceLabels, env, newPlacement);
    }

    /** Starts a spec for a client pod with this name. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Builder of {@link ClientSpec}. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> namespaceLabels = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String namespace;
        private Placement placement = Placement.anyNode();

        private Builder(String name) {
            this.name = name;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /** Places the client in a companion namespace with this logical name. */
        public Builder inNamespace(String logicalName) {
            this.namespace = logicalName;
            return this;
        }

        public Builder namespaceLabel(String key, String value) {
            namespaceLabels.put(key, value);
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** Runs the client on the node {@code nodeName}; see {@link Placement#onNode}. */
        public Builder onNode(String nodeName) {
            return placement(Placement.onNode(nodeName));
        }

        /** Runs the client on the node of {@code pod}; see {@link Placement#sameNodeAs}. */
        public Builder sameNodeAs(String pod) {
            return placement(Placement.sameNodeAs(pod));
        }

        /** Runs the client on a node other than that of {@code pod}; see {@link Placement#otherNodeThan}. */
        public Builder otherNodeThan(String pod) {
            return placement(Placement.otherNodeThan(pod));
        }

        /**
         * Where the client runs. One placement per client: a second, different one is contradictory.
         *
         * @throws IllegalArgumentException when another placement was given already
         */
        public Builder placement(Placement placement) {
            Objects.requireNonNull(placement, "placement");
            if (!this.placement.isAny() && !this.placement.equals(placement)) {
                throw new IllegalArgumentException("ClientSpec.named(\"" + name + "\"): placement " + placement
                        + " contradicts " + this.placement + " given before; a client runs on one node: keep one of"
                        + " them (for clients on several nodes, use one client per node or a source on every node)");
            }
            this.placement = placement;
            return this;
        }

        public ClientSpec build() {
            return new ClientSpec(name, labels, namespace, namespaceLabels, env, placement);
        }
    }
}
