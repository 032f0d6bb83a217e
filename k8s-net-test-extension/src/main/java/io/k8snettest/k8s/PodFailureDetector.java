package io.k8snettest.k8s;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Tells, from what the cluster already reports, that pods will not become Ready, so waits fail
 * fast with the cluster's reason instead of running into their timeout. Pure: no client.
 */
final class PodFailureDetector {

    /** Restarts after which a container that keeps exiting non-zero counts as failed. */
    static final int MAX_FAILED_RESTARTS = 2;

    /** For an image that was neither loaded nor pullable: how to get it to the nodes. */
    static final String LOAD_HINT = "for an image built on this machine, load it with @LoadImage or k8snet.images"
            + " (a tarball from Jib's buildTar or docker save), see README \"Testing your own image\"";
    private static final String PULL_HINT = "the nodes could not pull it: check the image name/tag and that a registry"
            + " they reach serves it; " + LOAD_HINT;

    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("ErrImagePull", PULL_HINT),
            Map.entry("ImagePullBackOff", PULL_HINT),
            Map.entry("ErrImageNeverPull", "imagePullPolicy is Never and the node does not have the image; " + LOAD_HINT),
            Map.entry("InvalidImageName", "fix the image reference"),
            Map.entry("CrashLoopBackOff", "the container keeps exiting: check its command/args/env and its logs (kubectl logs --previous)"),
            Map.entry("CreateContainerConfigError", "a referenced ConfigMap/Secret/key is missing or the security context is invalid"),
            Map.entry("CreateContainerError", "the container runtime could not create the container: check command and mounts"),
            Map.entry("RunContainerError", "the container runtime could not start the container: check the command exists in the image"),
            Map.entry("Unschedulable", "no node fits: check resource requests, node selectors,"
                    + " taints and tolerations, and the placement (@WithDeployment node or spreadAcrossNodes; a client's"
                    + " clientNode, clientSameNodeAs or clientOtherNodeThan, ClientSpec.Builder.onNode, sameNodeAs or"
                    + " otherNodeThan; see README \"Node placement\")"),
            Map.entry("FailedCreate", "the API server rejected the pods (admission, Pod Security, quota): fix the pod template"),
            Map.entry("Error", "the container keeps exiting non-zero: check its command/args/env and its logs"));

    private static final Set<String> IMAGE_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull");
    private static final Set<String> FATAL_WAITING = Set.of("ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull",
            "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    private PodFailureDetector() {
    }

    /** A reason the pods cannot become Ready, as the cluster reports it. */
    public record Failure(String object, String reason, String message) {

        /** The failure as a sentence naming what was declared where, and how to fix it. */
        public String describe(String origin) {
            return origin + ": " + object + " cannot become Ready: " + reason
                    + (message == null || message.isBlank() ? "" : " (" + message.strip() + ")")
                    + "; hint: " + HINTS.getOrDefault(reason, "see the events below");
        }
    }

    /**
     * @param pods   the workload's pods
     * @param events the namespace's events (FailedCreate on a ReplicaSet is an admission rejection)
     * @param owners names of objects whose FailedCreate events count (the deployment's ReplicaSets); empty: none
     */
    public static Optional<Failure> detect(List<Pod> pods, List<Event> events, Set<String> owners) {
        for (Pod pod : pods) {
            Optional<Failure> failure = detect(pod);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return events.stream()
                .filter(e -> "FailedCreate".equals(e.getReason()) && e.getInvolvedObject() != null
                        && owners.contains(e.getInvolvedObject().getName()))
                .reduce((a, b) -> b)
                .map(e -> new Failure(e.getInvolvedObject().getKind() + " " + e.getInvolvedObject().getName(),
                        "FailedCreate", e.getMessage()));
    }

    /**
     * A {@code ReplicaFailure=True} condition of the deployment or one of its ReplicaSets: the
     * controller could not create pods (admission rejection, quota).
     */
    public static Optional<Failure> detectReplicaFailure(Deployment deployment, List<ReplicaSet> replicaSets) {
        if (deployment.getStatus() != null) {
            for (DeploymentCondition c : nullSafe(deployment.getStatus().getConditions())) {
                if ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())) {
                    return Optional.of(new Failure("deployment " + deployment.getMetadata().getName(),
                            "FailedCreate", c.getMessage()));
                }
            }
        }
        for (ReplicaSet rs : replicaSets) {
            for (ReplicaSetCondition c : rs.getStatus() == null ? List.<ReplicaSetCondition>of() : nullSafe(rs.getStatus().getConditions())) {
                if ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())) {
                    return Optional.of(new Failure("replicaset " + rs.getMetadata().getName(), "FailedCreate", c.getMessage()));
                }
            }
        }
        return Optional.empty();
    }

    /** A failure of one pod, if the cluster already reports one. */
    public static Optional<Failure> detect(Pod pod) {
        String name = "pod " + pod.getMetadata().getName();
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        for (PodCondition c : nullSafe(pod.getStatus().getConditions())) {
            if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason())) {
                return Optional.of(new Failure(name, "Unschedulable", c.getMessage()));
            }
        }
        List<ContainerStatus> statuses = new ArrayList<>(nullSafe(pod.getStatus().getInitContainerStatuses()));
        statuses.addAll(nullSafe(pod.getStatus().getContainerStatuses()));
        for (ContainerStatus s : statuses) {
            String container = name + " container " + s.getName();
            ContainerStateWaiting waiting = s.getState() == null ? null : s.getState().getWaiting();
            if (waiting != null && FATAL_WAITING.contains(waiting.getReason())) {
                String what = IMAGE_REASONS.contains(waiting.getReason()) ? container + " (image " + s.getImage() + ")" : container;
                return Optional.of(new Failure(what, waiting.getReason(), lastExit(s, waiting.getMessage())));
            }
            ContainerStateTerminated last = s.getLastState() == null ? null : s.getLastState().getTerminated();
            int restarts = s.getRestartCount() == null ? 0 : s.getRestartCount();
            if (last != null && last.getExitCode() != null && last.getExitCode() != 0 && restarts >= MAX_FAILED_RESTARTS) {
                return Optional.of(new Failure(container, "Error", "exited with code " + last.getExitCode()
                        + " " + restarts + " times" + (last.getReason() == null ? "" : ", reason " + last.getReason())));
            }
        }
        return Optional.empty();
    }

    private static String lastExit(ContainerStatus s, String message) {
        ContainerStateTerminated last = s.getLastState() == null ? null : s.getLastState().getTerminated();
        if (last == null || last.getExitCode() == null) {
            return message;
        }
        return Stream.of(message, "last exit code " + last.getExitCode()
                        + (last.getReason() == null ? "" : " (" + last.getReason() + ")"))
                .filter(m -> m != null && !m.isBlank()).reduce((a, b) -> a + "; " + b).orElse(null);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
