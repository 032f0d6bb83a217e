package io.k8snettest.probe;

import static io.k8snettest.k8s.Services.port;
import static io.k8snettest.k8s.Services.slicePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.k8s.Services;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ServiceHandle.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The positive control proves the very service port and pod port under test on every ready
 * endpoint: a dead port of a multi-port service can no longer pass as "blocked" because another
 * port serves.
 */
@EnableKubernetesMockClient(crud = true)
class ServingProofTest {

    private static final String NS = "ns";
    private static final Duration TIMEOUT = Duration.ofSeconds(4);

    KubernetesClient client;
    private final Set<String> probed = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void webServesOn80Only() {
        client.services().inNamespace(NS).resource(Services.service(NS, "web", "10.96.0.10",
                port("http", 80, "80", "TCP"), port("metrics", 8081, "81", "TCP"))).create();
        client.discovery().v1().endpointSlices().inNamespace(NS).resource(Services.slice(NS, "web", "web-abc",
                List.of(slicePort("http", 80), slicePort("metrics", 81)), "web-1=10.42.0.11", "web-2=10.42.0.12")).create();
    }

    /** Like a pod where only port 80 listens: other ports refuse, as the kubelet reports it. */
    private final Function<Endpoint, ProbeResult> only80 = e -> {
        probed.add(e.podName() + ":" + e.port());
        boolean listens = e.port() == 80;
        return new ProbeResult("this JVM", "pod " + e.podName() + " port " + e.port(), List.of("kubectl", "port-forward"),
                listens ? 0 : 1, "", listens ? "connected" : "error forwarding port " + e.port()
                + ": dial tcp4 127.0.0.1:" + e.port() + ": connect: connection refused", -1, listens, Duration.ofMillis(5));
    };

    private ServiceTarget target(int port) {
        return ServiceTarget.resolve(client, NS, "web", port);
    }

    @Test
    void theServingPortIsProvenOnEveryReadyEndpointOnItsPodPort() {
        ServingProof.await(client, target(80), "through a port-forward", only80, TIMEOUT, () -> "diagnostics");

        assertThat(probed).containsExactlyInAnyOrder("web-1:80", "web-2:80");
    }

    @Test
    @DisplayName("bad input: a dead port under a negative check fails as 'does not serve', naming service, ports and pod")
    void aDeadPortFailsFastNamingServicePortPodAndPodPort() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> ServingProof.await(client, target(8081), "through a port-forward", only80, TIMEOUT, () -> "diag"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("positive control failed: the target does not serve on port 81: service web port 8081 (metrics)")
                .hasMessageContaining("-> pod web-1 (10.42.0.11) port 81 refused the connection")
                .hasMessageContaining("hint: check the service's targetPort").hasMessageContaining("containerPort 81")
                .hasMessageContaining("listens on port 81").hasMessageContaining("connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
        assertThat(probed).allMatch(p -> p.endsWith(":81"));
    }

    @Test
    @DisplayName("bad input: a port that never answers (but does not refuse) fails at the timeout with the last probe")
    void aPortThatNeverAnswersFailsAtTheTimeout() {
        Function<Endpoint, ProbeResult> silent = e -> new ProbeResult("this JVM", "pod " + e.podName(), List.of(), -1, "",
                "the port-forward did not start within 5000 ms", -1, false, Duration.ZERO);
        long start = System.nanoTime();

        assertThatThrownBy(() -> ServingProof.await(client, target(80), "through a port-forward", silent, Duration.ofSeconds(2),
                () -> "diag")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("positive control: service web port 80 (http)/TCP -> targetPort 80 serves on every ready endpoint")
                .hasMessageContaining("did not happen within 2s").hasMessageContaining("did not start within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    @DisplayName("bad input: a service port without ready endpoints is a target that is down, not 'blocked'")
    void noReadyEndpointIsATargetThatIsDown() {
        client.services().inNamespace(NS).resource(Services.service(NS, "empty", "10.96.0.11", port("http", 80, "80", "TCP")))
                .create();

        assertThatThrownBy(() -> ServingProof.await(client, ServiceTarget.resolve(client, NS, "empty", 80), "x", only80,
                Duration.ofSeconds(1), () -> "diag")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no ready endpoint: the target is down");
    }
}
