package io.k8snettest.check;

import static io.k8snettest.k8s.Services.port;
import static io.k8snettest.k8s.Services.slicePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.k8s.FakeScheduler;
import io.k8snettest.k8s.Namespaces;
import io.k8snettest.k8s.ReadinessWaiter;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.k8s.Services;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.Destination;
import io.k8snettest.probe.ProbeClients;
import io.k8snettest.probe.ProbeContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A declared check says per probe whether it crossed nodes, from the pods' {@code spec.nodeName} (fabric8 mock server). */
@EnableKubernetesMockClient(crud = true)
class CheckLocalityTest {

    private static final RuntimeSettings SETTINGS = new RuntimeSettings("k8snet", "never", Duration.ofHours(1),
            "busybox:1.35.0", Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2));

    KubernetesClient client;
    private CheckLocality locality;
    private ServiceTarget web;

    @BeforeEach
    void webOnTwoNodes() {
        client.pods().inNamespace("ns").resource(FakeScheduler.pod("ns", "probe-a", "node-a", Map.of("role", "client"))).create();
        client.pods().inNamespace("ns").resource(FakeScheduler.pod("ns", "web-0", "node-a", Map.of("app", "web"))).create();
        client.pods().inNamespace("ns").resource(FakeScheduler.pod("ns", "web-1", "node-b", Map.of("app", "web"))).create();
        client.services().inNamespace("ns").resource(Services.service("ns", "web", "10.96.0.10", port("http", 80, "80", "TCP")))
                .create();
        client.discovery().v1().endpointSlices().inNamespace("ns").resource(Services.slice("ns", "web", "web-1",
                List.of(slicePort("http", 80)), "web-0=10.42.1.5", "web-1=10.42.1.6")).create();
        ProbeClients clients = new ProbeClients(new ProbeContext(client, "ns", SETTINGS, () -> "", () -> { }), "run-1",
                new Namespaces(client, Duration.ofSeconds(5), Duration.ofSeconds(5)),
                new ReadinessWaiter(client, Duration.ofSeconds(5), () -> ""));
        locality = new CheckLocality(client, clients);
        web = ServiceTarget.resolve(client, "ns", "web", 80);
    }

    @Test
    void aClusterIpIsAnsweredByEveryEndpointSoItsLocalityCoversTheirNodes() {
        DefaultProbeClient probe = DefaultProbeClient.ofProbePod(client, "ns", "probe-a");

        assertThat(locality.describe(probe, web, new Destination.Fixed("10.96.0.10", 80, "ClusterIP 10.96.0.10")))
                .isEqualTo("client on node node-a, answering pods on [node-a, node-b]: same- and cross-node");
    }

    @Test
    void anEndpointProbedDirectlyIsSameOrCrossNodeByItsPodsNode() {
        DefaultProbeClient probe = DefaultProbeClient.ofProbePod(client, "ns", "probe-a");

        assertThat(locality.describe(probe, web, new Destination.Fixed("10.42.1.5", 80, "endpoint 10.42.1.5:80")))
                .isEqualTo("client on node node-a, answering pods on [node-a]: same-node");
        assertThat(locality.describe(probe, web, new Destination.Fixed("10.42.1.6", 80, "endpoint 10.42.1.6:80")))
                .isEqualTo("client on node node-a, answering pods on [node-b]: cross-node");
    }

    @Test
    void aClientWithoutANodeIsUnknown() {
        DefaultProbeClient absent = DefaultProbeClient.ofProbePod(client, "ns", "not-scheduled");

        assertThat(locality.describe(absent, web, new Destination.Fixed("10.42.1.6", 80, "endpoint 10.42.1.6:80")))
                .isEqualTo("client on node ?, answering pods on [node-b]: unknown");
    }
}
