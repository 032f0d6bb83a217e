package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A namespace as NetworkPolicy sees it: its name and labels (namespaceSelector matches the labels;
 * the API server sets {@code kubernetes.io/metadata.name} to the name on every namespace, and
 * {@link #of} adds it when missing, as the server would).
 */
@API(status = INTERNAL, since = "0.1")
public record NamespaceInfo(String name, Map<String, String> labels) {

    /** The label the API server puts on every namespace, its value being the namespace's name. */
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    public NamespaceInfo {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
    }

    /** A namespace with these labels plus {@code kubernetes.io/metadata.name=<name>}. */
    public static NamespaceInfo of(String name, Map<String, String> labels) {
        Map<String, String> all = new TreeMap<>(labels);
        all.putIfAbsent(NAME_LABEL, name);
        return new NamespaceInfo(name, all);
    }
}
