package io.k8snettest.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pods a plan will run, as far as planning can tell: deployments with their pod labels and
 * replicas, and objects that may run pods planning cannot see into (bare pods, stateful sets,
 * daemon sets, jobs, unknown kinds). Answers whether a service's selector is backed only by
 * deployments with zero replicas, so a check against nothing is rejected before any cluster call.
 */
final class PodSources {

    /** Kinds that run pods without being a Deployment; their pods are treated as possible backends of anything. */
    private static final Set<String> OTHER_POD_KINDS = Set.of("Pod", "ReplicaSet", "ReplicationController",
            "StatefulSet", "DaemonSet", "Job", "CronJob", "HorizontalPodAutoscaler");

    /** @param podLabels null: may run pods of any labels; @param replicas null: unknown */
    private record Source(Map<String, String> podLabels, Integer replicas, String described) {
        boolean matches(Map<String, String> selector) {
            return podLabels == null || podLabels.entrySet().containsAll(selector.entrySet());
        }
    }

    private final List<Source> sources = new ArrayList<>();

    /** Whether a manifest object of {@code kind} (not a Deployment) may run pods. */
    static boolean mayRunPods(String kind, boolean knownModel) {
        return !knownModel || OTHER_POD_KINDS.contains(kind);
    }

    void deployment(Map<String, String> podLabels, int replicas, String described) {
        sources.add(new Source(Map.copyOf(podLabels), replicas, described));
    }

    /** Something that may run pods with any labels (e.g. a StatefulSet or an object of an unknown kind). */
    void unknown(String described) {
        sources.add(new Source(null, null, described));
    }

    /**
     * When every pod source the selector matches is a deployment with zero replicas (and there is
     * at least one), those deployments as {@code <declaration> has replicas=0};
     * empty when a pod may answer or planning cannot tell (no selector, nothing matches).
     */
    Optional<String> onlyIdleBackends(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return Optional.empty();
        }
        List<Source> matching = sources.stream().filter(s -> s.matches(selector)).toList();
        if (matching.isEmpty() || matching.stream().anyMatch(s -> s.replicas() == null || s.replicas() > 0)) {
            return Optional.empty();
        }
        return Optional.of(matching.stream().map(s -> s.described() + " has replicas=0")
                .collect(Collectors.joining(", ")));
    }
}
