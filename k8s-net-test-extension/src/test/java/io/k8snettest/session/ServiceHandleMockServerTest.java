package io.k8snettest.session;

import static io.k8snettest.k8s.Services.port;
import static io.k8snettest.k8s.Services.slicePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.k8s.Services;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.ServiceHandle.Endpoint;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ServiceHandle#endpoints()} and {@code endpoints(port)} of a multi-port service with a named target port. */
@EnableKubernetesMockClient(crud = true)
class ServiceHandleMockServerTest {

    private static final String NS = "ns";

    KubernetesClient client;

    @BeforeEach
    void multiPortService() {
        // http: 80 -> "web" (containerPort 8080), metrics: 9090 -> 8080 (the same pod port), dead: 81 -> 81
        client.services().inNamespace(NS).resource(Services.service(NS, "web", "10.96.0.10",
                port("http", 80, "web", "TCP"), port("metrics", 9090, "8080", "TCP"), port("dead", 81, "81", "TCP"))).create();
        client.discovery().v1().endpointSlices().inNamespace(NS).resource(Services.slice(NS, "web", "web-abc",
                List.of(slicePort("http", 8080), slicePort("metrics", 8080), slicePort("dead", 81)),
                "web-1=10.42.0.11", "web-2=10.42.0.12")).create();
    }

    private ServiceHandle handle() {
        return new LiveServiceHandle(client, NS, "web", null, io.k8snettest.report.Publisher.NONE, () -> "cluster.local");
    }

    @Test
    void endpointsCoverEveryServicePortOncePerPodTaggedWithItsServicePortAndPodPort() {
        assertThat(handle().endpoints()).extracting(Endpoint::ip, Endpoint::servicePortName, Endpoint::servicePort, Endpoint::port)
                .containsExactly(
                        tuple("10.42.0.11", "http", 80, 8080), tuple("10.42.0.11", "dead", 81, 81), tuple("10.42.0.11", "metrics", 9090, 8080),
                        tuple("10.42.0.12", "http", 80, 8080), tuple("10.42.0.12", "dead", 81, 81), tuple("10.42.0.12", "metrics", 9090, 8080));
        assertThat(handle().endpointIps()).containsExactly("10.42.0.11", "10.42.0.12");
    }

    @Test
    void endpointsOfOneServicePortByNumberOrByName() {
        assertThat(handle().endpoints(80)).extracting(Endpoint::podName, Endpoint::port)
                .containsExactly(tuple("web-1", 8080), tuple("web-2", 8080));
        assertThat(handle().endpoints("metrics")).isEqualTo(handle().endpoints(9090))
                .allSatisfy(e -> assertThat(e.servicePort()).isEqualTo(9090));
        assertThat(handle().endpoints(81)).extracting(Endpoint::port).containsExactly(81, 81);
    }

    @Test
    void badInputAnUnknownServicePortNamesTheServicesPorts() {
        assertThatThrownBy(() -> handle().endpoints(8080)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service web has no port 8080")
                .hasMessageContaining("80 (http)/TCP -> targetPort web").hasMessageContaining("9090 (metrics)/TCP -> targetPort 8080");
        assertThatThrownBy(() -> handle().endpoints("https")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service web has no port named 'https'");
    }

    @Test
    void aHeadlessServiceSaysSo() {
        client.services().inNamespace(NS).resource(Services.service(NS, "db", "None", port("pg", 5432, "5432", "TCP"))).create();

        assertThat(new LiveServiceHandle(client, NS, "db", null, io.k8snettest.report.Publisher.NONE, () -> "cluster.local").headless()).isTrue();
        assertThat(handle().headless()).isFalse();
    }

    @Test
    void theDnsNameUsesTheClusterDomainTheClusterReports() {
        ServiceHandle handle = new LiveServiceHandle(client, NS, "web", null, io.k8snettest.report.Publisher.NONE, () -> "corp.internal");

        assertThat(handle.dnsName()).isEqualTo("web." + NS + ".svc.corp.internal");
    }
}
