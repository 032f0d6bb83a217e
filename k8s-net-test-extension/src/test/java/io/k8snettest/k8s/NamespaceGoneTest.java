package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Waiting for a deleted namespace to be gone while the API server cannot answer (it restarts: another
 * test class's fault, overlapping a deletion awaited in the background): the wait goes on; a refusal
 * the server means (403) still fails at once.
 */
@EnableKubernetesMockClient
class NamespaceGoneTest {

    KubernetesClient client;
    KubernetesMockServer server;

    private static final String PATH = "/api/v1/namespaces/k8snet-x-aaaaa";

    @Test
    void aFailingApiServerIsNotGoneYetAndTheWaitGoesOn() {
        server.expect().get().withPath(PATH).andReturn(503, new StatusBuilder().withCode(503).withMessage("starting").build()).times(2);
        server.expect().get().withPath(PATH).andReturn(404, new StatusBuilder().withCode(404).build()).always();
        Namespaces namespaces = new Namespaces(client, Duration.ofSeconds(5), Duration.ofSeconds(5));

        long start = System.nanoTime();
        namespaces.awaitGone("k8snet-x-aaaaa");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anApiServerThatRefusesConnectionsIsNotGoneYetAndTheWaitEndsInItsOwnTimeout() throws java.io.IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (KubernetesClient down = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("https://127.0.0.1:" + closedPort)
                        .withRequestRetryBackoffLimit(0).build()).build()) {
            Namespaces namespaces = new Namespaces(down, Duration.ofSeconds(5), Duration.ofMillis(800));

            assertThatThrownBy(() -> namespaces.awaitGone("k8snet-x-aaaaa")).as("seen in CI: a fault class restarted the API"
                    + " server while another class's namespace was awaited in the background")
                    .isInstanceOf(io.k8snettest.cluster.ClusterException.class).hasMessageContaining("did not happen within 800ms");
        }
    }

    @Test
    void aRefusalIsThrownAtOnce() {
        server.expect().get().withPath(PATH).andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("namespaces is forbidden").build()).always();
        Namespaces namespaces = new Namespaces(client, Duration.ofSeconds(5), Duration.ofSeconds(30));

        long start = System.nanoTime();
        assertThatThrownBy(() -> namespaces.awaitGone("k8snet-x-aaaaa")).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("forbidden");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aNamespaceThatStaysIsStillATimeout() {
        server.expect().get().withPath(PATH).andReturn(200, new NamespaceBuilder().withNewMetadata().withName("k8snet-x-aaaaa")
                .endMetadata().withNewStatus().withPhase("Terminating").endStatus().build()).always();
        Namespaces namespaces = new Namespaces(client, Duration.ofSeconds(5), Duration.ofMillis(600));

        assertThatThrownBy(() -> namespaces.awaitGone("k8snet-x-aaaaa")).hasMessageContaining("did not happen within 600ms")
                .hasMessageContaining("phase Terminating");
    }
}
