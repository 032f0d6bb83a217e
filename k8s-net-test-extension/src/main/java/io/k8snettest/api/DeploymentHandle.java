package io.k8snettest.api;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/** A deployment in the test namespace, read live from the cluster. */
public interface DeploymentHandle {

    String name();

    String namespace();

    /** Desired replicas. */
    int replicas();

    /** Ready replicas as the deployment's status reports them. */
    int readyReplicas();

    /** The pod labels ({@code spec.selector.matchLabels}). */
    Map<String, String> selector();

    /** The pods the deployment's selector matches (not terminating). */
    List<Pod> pods();

    /** IPs of the Ready pods. */
    List<String> readyPodIps();

    /** Waits until every replica is Ready (bounded by {@value K8sNetTest#READY_TIMEOUT_KEY}). */
    DeploymentHandle awaitReady();
}
