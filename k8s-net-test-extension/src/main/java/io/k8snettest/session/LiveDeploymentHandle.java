package io.k8snettest.session;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.DeploymentHandle;
import io.k8snettest.k8s.Pods;
import io.k8snettest.k8s.ReadinessWaiter;
import java.util.List;
import java.util.Map;

/** A deployment read live on every call. */
final class LiveDeploymentHandle extends LiveHandle<Deployment> implements DeploymentHandle {

    private final ReadinessWaiter readiness;

    LiveDeploymentHandle(KubernetesClient client, String namespace, String name, ReadinessWaiter readiness) {
        super(client, Deployment.class, "deployment", namespace, name);
        this.readiness = readiness;
    }

    @Override
    public int replicas() {
        Integer r = current().getSpec().getReplicas();
        return r == null ? 1 : r;
    }

    @Override
    public int readyReplicas() {
        var status = current().getStatus();
        return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    }

    @Override
    public Map<String, String> selector() {
        return Map.copyOf(current().getSpec().getSelector().getMatchLabels());
    }

    @Override
    public List<Pod> pods() {
        return Pods.live(client, namespace(), selector());
    }

    @Override
    public List<String> readyPodIps() {
        return List.copyOf(Pods.readyIps(pods()));
    }

    @Override
    public DeploymentHandle awaitReady() {
        readiness.awaitDeployment(namespace(), name(), "deployment(\"" + name() + "\").awaitReady()");
        return this;
    }
}
