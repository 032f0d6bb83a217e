package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/** How we mark namespaces as ours, and which of ours are stale. Pure: no client. */
@API(status = INTERNAL, since = "0.1")
public final class NamespaceLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "k8s-net-test";
    public static final String RUN_ID = "k8s-net-test.io/run-id";
    public static final String TEST_CLASS = "k8s-net-test.io/test-class";
    /** Annotation: when the run that owns the namespace last proved it is alive (ISO-8601 instant). */
    public static final String HEARTBEAT = "k8s-net-test.io/heartbeat";
    /** However small the stale age, a run is collected only after missing this many heartbeat renewals. */
    static final int MISSED_RENEWALS = 4;

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
     * The namespaces left behind by runs that stopped: labelled as ours, of another (or no) run,
     * not already terminating, and whose run has been silent for longer than {@code staleAge} and
     * at least {@value #MISSED_RENEWALS} heartbeat renewals. A run's last sign of life is the newest
     * {@value #HEARTBEAT} among all its namespaces (a namespace without one, from an older version,
     * counts with its creation time); a namespace with neither is left alone.
     */
    public static List<Namespace> stale(List<Namespace> namespaces, String runId, Instant now, Duration staleAge) {
        List<Namespace> ours = namespaces.stream().filter(ns -> isOurs(ns) && !runId.equals(label(ns, RUN_ID))).toList();
        Map<String, Instant> lastSignOfRun = new HashMap<>();
        for (Namespace ns : ours) {
            lastSign(ns).ifPresent(sign -> lastSignOfRun.merge(runKey(ns), sign, (a, b) -> a.isAfter(b) ? a : b));
        }
        Duration silence = staleAge.compareTo(minimumSilence()) < 0 ? minimumSilence() : staleAge;
        return ours.stream()
                .filter(ns -> ns.getMetadata().getDeletionTimestamp() == null && lastSign(ns).isPresent())
                .filter(ns -> lastSignOfRun.get(runKey(ns)).plus(silence).isBefore(now))
                .toList();
    }

    /** {@value #MISSED_RENEWALS} heartbeat renewals. */
    static Duration minimumSilence() {
        return NamespaceHeartbeat.RENEW_INTERVAL.multipliedBy(MISSED_RENEWALS);
    }

    private static boolean isOurs(Namespace ns) {
        return MANAGED_BY_VALUE.equals(label(ns, MANAGED_BY));
    }

    /** The run a namespace belongs to; one without a run id is a run of its own. */
    private static String runKey(Namespace ns) {
        String run = label(ns, RUN_ID);
        return run != null ? "run:" + run : "namespace:" + ns.getMetadata().getName();
    }

    private static Optional<Instant> lastSign(Namespace ns) {
        Map<String, String> annotations = ns.getMetadata().getAnnotations();
        Optional<Instant> heartbeat = parse(annotations == null ? null : annotations.get(HEARTBEAT));
        return heartbeat.isPresent() ? heartbeat : parse(ns.getMetadata().getCreationTimestamp());
    }

    private static Optional<Instant> parse(String timestamp) {
        try {
            return timestamp == null ? Optional.empty() : Optional.of(Instant.parse(timestamp));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // no trustworthy time
        }
    }

    private static String label(Namespace ns, String key) {
        Map<String, String> labels = ns.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
