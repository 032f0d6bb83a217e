package io.k8snettest.check;

import static io.k8snettest.k8s.Services.port;
import static io.k8snettest.k8s.Services.slicePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.Via;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.k8s.FakeScheduler;
import io.k8snettest.k8s.Namespaces;
import io.k8snettest.k8s.ReadinessWaiter;
import io.k8snettest.k8s.Services;
import io.k8snettest.plan.ClientRef;
import io.k8snettest.plan.ReachabilitySpec;
import io.k8snettest.probe.ProbeClients;
import io.k8snettest.probe.ProbeContext;
import io.k8snettest.report.Publisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A declared check with a placed client says where it probed from, in its report entry and its messages
 * (fabric8 mock server in CRUD mode with a fake scheduler; the mock has no data plane, so the probe itself
 * cannot succeed and the check fails within its short timeout, after saying where it ran).
 */
@EnableKubernetesMockClient(crud = true)
class PlacedCheckReportTest {

    private static final String ORIGIN = "@ReachableFrom(client=\"far\", service=\"web\") on T.m()";

    KubernetesClient client;
    private FakeScheduler scheduler;

    @BeforeEach
    void webOnNodeA() {
        client.nodes().resource(FakeScheduler.node("node-a")).create();
        client.nodes().resource(FakeScheduler.node("node-b")).create();
        client.pods().inNamespace("ns").resource(FakeScheduler.pod("ns", "web-0", "node-a", Map.of("app", "web"))).create();
        client.services().inNamespace("ns").resource(Services.service("ns", "web", "10.96.0.10", port("http", 80, "80", "TCP")))
                .create();
        client.discovery().v1().endpointSlices().inNamespace("ns").resource(Services.slice("ns", "web", "web-1",
                List.of(slicePort("http", 80)), "web-0=10.42.1.5")).create();
        scheduler = new FakeScheduler(client, "ns");
    }

    @AfterEach
    void stop() throws InterruptedException {
        scheduler.close();
    }

    @Test
    void aClientOnAnotherNodeReportsACrossNodeProbe() {
        Duration d = Duration.ofSeconds(10);
        RuntimeSettings settings = new RuntimeSettings("k8snet", "never", Duration.ofHours(1), "busybox:1.35.0", d, d, d, d);
        ProbeContext context = new ProbeContext(client, "ns", settings, () -> "diagnostics", () -> { });
        ReachabilityChecker checker = new ReachabilityChecker(context, new ProbeClients(context, "run-1",
                new Namespaces(client, d, d), new ReadinessWaiter(client, d, () -> "")));
        ReachabilitySpec check = new ReachabilitySpec(true, ClientRef.probe(ClientSpec.named("far").otherNodeThan("web-0").build()),
                "web", 80, Via.CLUSTER_IP, ProbeProtocol.TCP, "/", 200, "", Duration.ofSeconds(2), Duration.ofSeconds(1), null,
                ORIGIN);
        Map<String, String> entries = new ConcurrentHashMap<>();

        assertThatThrownBy(() -> checker.verifyAll(List.of(check), Publisher.entries(entries::put)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("web:80 via ClusterIP 10.96.0.10 reachable from far placed otherNodeThan(\"web-0\")"
                        + " (client on node node-b, answering pods on [node-a]: cross-node)");

        assertThat(entries).containsEntry(CheckLocality.REPORT_KEY, ORIGIN + ": ns/far -> ClusterIP 10.96.0.10: client on node"
                + " node-b, answering pods on [node-a]: cross-node");
        assertThat(client.pods().inNamespace("ns").withName("far").get().getSpec().getNodeName()).isEqualTo("node-b");
    }
}
