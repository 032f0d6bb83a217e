package io.k8snettest.k8s;

import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How we mark namespaces as ours, and which of ours are stale. Pure: no client. */
public final class NamespaceLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "k8s-net-test";
    public static final String RUN_ID = "k8s-net-test.io/run-id";
    public static final String TEST_CLASS = "k8s-net-test.io/test-class";

    private NamespaceLabels() {
    }

    /** Labels of a namespace we create in run {@code runId}; {@code extra} cannot override ours. */
    public static Map<String, String> labels(String runId, Map<String, String> extra) {
        Map<String, String> labels = new LinkedHashMap<>(extra);
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(RUN_ID, runId);
        return labels;
    }

    /** Label selector {@code managed-by=k8s-net-test}: the only namespaces we ever consider deleting. */
    public static Map<String, String> ownershipSelector() {
        return Map.of(MANAGED_BY, MANAGED_BY_VALUE);
    }

    /**
     * The namespaces left behind by other runs: labelled as ours, with another (or no) run id,
     * created more than {@code staleAge} before {@code now}, and not already terminating.
     */
    public static List<Namespace> stale(List<Namespace> namespaces, String runId, Instant now, Duration staleAge) {
        return namespaces.stream().filter(ns -> isStale(ns, runId, now, staleAge)).toList();
    }

    static boolean isStale(Namespace ns, String runId, Instant now, Duration staleAge) {
        var meta = ns.getMetadata();
        Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
        if (!MANAGED_BY_VALUE.equals(labels.get(MANAGED_BY)) || runId.equals(labels.get(RUN_ID))
                || meta.getDeletionTimestamp() != null) {
            return false;
        }
        try {
            Instant created = Instant.parse(meta.getCreationTimestamp());
            return created.plus(staleAge).isBefore(now);
        } catch (DateTimeParseException | NullPointerException e) {
            return false; // no trustworthy age: leave it alone
        }
    }
}
