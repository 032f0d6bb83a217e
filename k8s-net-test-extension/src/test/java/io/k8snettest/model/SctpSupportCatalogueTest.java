package io.k8snettest.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SCTP is checked only when a model asks for it, and a cluster without it fails with the reason (issue 10, item 3). */
@EnableKubernetesMockClient(crud = true)
class SctpSupportCatalogueTest {

    private static final String LOG = "I1201 22:36:42.407681 258 log.go:244] Failed to listen SCTP. error:protocol not supported";

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    @DisplayName("bad input: a model asking for SCTP on nodes without SCTP fails with the listener's reason and the remedy")
    void aClusterWithoutSctpFailsWithTheReason() {
        server.expect().get().withPath("/api/v1/namespaces/ns-x/pods/sctp-check/log?pretty=false").andReturn(200, LOG).always();
        ScheduledExecutorService kubelet = Executors.newSingleThreadScheduledExecutor();
        kubelet.scheduleWithFixedDelay(this::failTheListener, 0, 100, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> new SctpSupport(client, Duration.ofSeconds(20)).require("ns-x"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("NetTest.model: the model asks for SCTP, and this cluster cannot serve it: an SCTP"
                            + " listener (agnhost porter) in pod ns-x/sctp-check exited: " + LOG)
                    .hasMessageEndingWith("; run on nodes whose kernel has SCTP (e.g. modprobe sctp), or drop"
                            + " TransportProtocol.SCTP from the ModelSpec");
        } finally {
            kubelet.shutdownNow();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("as soon as the listener exits").isLessThan(Duration.ofSeconds(10));
        assertThat(client.pods().inNamespace("ns-x").withName(SctpSupport.POD).get()).as("the check pod is deleted").isNull();
    }

    private void failTheListener() {
        Pod pod = client.pods().inNamespace("ns-x").withName(SctpSupport.POD).get();
        if (pod != null && (pod.getStatus() == null || !"Failed".equals(pod.getStatus().getPhase()))) {
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Failed").build());
            client.pods().inNamespace("ns-x").resource(pod).updateStatus();
        }
    }
}
