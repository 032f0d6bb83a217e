package io.k8snettest.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Identity of a probe client: its pod name, extra labels, namespace (a logical name of a companion
 * namespace the test creates and owns, or {@code null} for the test namespace), namespace labels,
 * and environment.
 */
public record ClientSpec(String name, Map<String, String> labels, String namespace,
                         Map<String, String> namespaceLabels, Map<String, String> env) {

    public ClientSpec {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        namespaceLabels = Map.copyOf(namespaceLabels);
        env = Map.copyOf(env);
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

        public ClientSpec build() {
            return new ClientSpec(name, labels, namespace, namespaceLabels, env);
        }
    }
}
