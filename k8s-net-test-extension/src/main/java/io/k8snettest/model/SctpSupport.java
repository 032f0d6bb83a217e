package io.k8snettest.model;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.k8s.Pods;
import io.k8snettest.k8s.Waits;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the cluster can serve SCTP, asked only when a model wants it: a throwaway pod runs agnhost
 * {@code porter} on an SCTP port; it either becomes Ready (the socket listens) or exits, and its log
 * says why (a node kernel without SCTP: "protocol not supported").
 */
final class SctpSupport {

    static final String POD = "sctp-check";

    private final KubernetesClient client;
    private final Duration timeout;

    SctpSupport(KubernetesClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** Returns when SCTP works; otherwise an IllegalStateException with the reason and the remedy. */
    void require(String namespace) {
        client.pods().inNamespace(namespace).resource(pod(namespace)).create();
        AtomicReference<String> failure = new AtomicReference<>();
        try {
            Waits.until("SCTP support check (pod " + POD + " in " + namespace + ")", timeout, () -> {
                Pod pod = client.pods().inNamespace(namespace).withName(POD).get();
                if (pod != null && pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase())) {
                    failure.set(client.pods().inNamespace(namespace).withName(POD).getLog());
                    return true;
                }
                return pod != null && Pods.isReady(pod);
            }, () -> "", () -> "");
        } finally {
            client.pods().inNamespace(namespace).withName(POD).withGracePeriod(0).delete();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("NetTest.model: the model asks for SCTP, and this cluster cannot serve it:"
                    + " an SCTP listener (agnhost porter) in pod " + namespace + "/" + POD + " exited: "
                    + failure.get().strip() + "; run on nodes whose kernel has SCTP (e.g. modprobe sctp), or drop"
                    + " TransportProtocol.SCTP from the ModelSpec");
        }
    }

    static Pod pod(String namespace) {
        return new PodBuilder().withNewMetadata().withName(POD).withNamespace(namespace).endMetadata()
                .withNewSpec().withRestartPolicy("Never").withTerminationGracePeriodSeconds(0L)
                .addNewContainer().withName("porter").withImage(ModelPods.IMAGE).withImagePullPolicy("IfNotPresent")
                .withCommand("/agnhost", "porter").addNewEnv().withName("SERVE_SCTP_PORT_9").withValue("sctp").endEnv()
                .withNewReadinessProbe().withPeriodSeconds(1).withNewExec()
                .withCommand("/agnhost", "connect", "127.0.0.1:9", "--timeout=1s", "--protocol=sctp").endExec()
                .endReadinessProbe().endContainer().endSpec().build();
    }
}
