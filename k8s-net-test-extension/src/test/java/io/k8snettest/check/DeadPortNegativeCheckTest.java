package io.k8snettest.check;

import static io.k8snettest.k8s.Services.frame;
import static io.k8snettest.k8s.Services.port;
import static io.k8snettest.k8s.Services.slicePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.k8snettest.k8s.Services;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.Via;
import io.k8snettest.plan.ClientRef;
import io.k8snettest.plan.ReachabilitySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The false pass of a multi-port service: {@code @NotReachableFrom} on a port where nothing listens
 * passed because the positive control proved another port. The mock API server plays the kubelet
 * for exactly one port-forward, to pod port 81 (what service port 8081 resolves to), and refuses
 * it: the check fails as "does not serve", and a control that probed any other port would not
 * even reach the refusal (it would time out on a port-forward the mock does not know). The mock
 * knows no pods either: creating a client pod before the target is proven would fail differently.
 */
@EnableKubernetesMockClient
class DeadPortNegativeCheckTest {

    private static final String NS = "ns";

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    @DisplayName("bad input: @NotReachableFrom on a dead port of a multi-port service fails as 'does not serve', not as blocked")
    void aDeadPortUnderADeclaredNegativeCheck() {
        server.expect().get().withPath("/api/v1/namespaces/ns/services/web").andReturn(200, Services.service(NS, "web",
                "10.96.0.30", port("http", 80, "80", "TCP"), port("metrics", 8081, "81", "TCP"))).always();
        server.expect().get().withPath("/apis/discovery.k8s.io/v1/namespaces/ns/endpointslices?labelSelector="
                + "kubernetes.io%2Fservice-name%3Dweb").andReturn(200, new EndpointSliceListBuilder().withItems(Services.slice(NS,
                "web", "web-abc", List.of(slicePort("http", 80), slicePort("metrics", 81)), "web-1=10.42.0.11")).build()).always();
        server.expect().withPath("/api/v1/namespaces/ns/pods/web-1/portforward?ports=81").andUpgradeToWebSocket().open()
                .waitFor(5).andEmit(frame(0, (byte) 81, (byte) 0)).waitFor(5).andEmit(frame(1, (byte) 81, (byte) 0))
                .waitFor(5).andEmit(frame(1, ("error forwarding port 81 to pod 1f, uid : failed to connect to localhost:81"
                        + " inside namespace \"1f\", IPv4: dial tcp4 127.0.0.1:81: connect: connection refused")
                        .getBytes(StandardCharsets.UTF_8))).done().always();
        AtomicInteger canaryRuns = new AtomicInteger();
        ReachabilityChecker checker = Checkers.checker(client, NS, canaryRuns::incrementAndGet);
        ReachabilitySpec dead = new ReachabilitySpec(false, ClientRef.probe(ClientSpec.named("probe").build()), "web", 8081,
                Via.CLUSTER_IP, ProbeProtocol.TCP, "/", 200, "", Duration.ofSeconds(4), Duration.ofSeconds(1), null,
                "@NotReachableFrom(service=\"web\", port=8081) on T.m");
        long start = System.nanoTime();

        assertThatThrownBy(() -> checker.verifyAll(List.of(dead))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("@NotReachableFrom(service=\"web\", port=8081) on T.m: positive control failed:"
                        + " the target does not serve on port 81: service web port 8081 (metrics)/TCP -> targetPort 81"
                        + " -> pod web-1 (10.42.0.11) port 81 refused the connection")
                .hasMessageContaining("hint: check the service's targetPort");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(canaryRuns).as("the canary runs before a negative check that can run").hasValue(1);
    }
}
