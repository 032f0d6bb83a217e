package io.k8snettest.examples.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.DnsResolution;
import io.k8snettest.api.HealingReport;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.Via;
import io.k8snettest.api.WithManifest;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

/**
 * A headless service: its DNS name resolves to the ready pods' IPs, checks address it by name
 * ({@link Via#DNS}: every address on its pod port), and it heals by its DNS records.
 */
@K8sNetTest
@WithManifest("services/headless-web.yaml")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeadlessServiceTest {

    private static ServiceHandle hlWithEndpoints(NetTest net) {
        ServiceHandle hl = net.service("hl");
        await("2 ready endpoints behind hl").atMost(net.probeTimeout()).until(() -> hl.endpoints().size() == 2);
        return hl;
    }

    @Test
    @Order(1)
    @ReachableFrom(service = "hl", via = Via.DNS, protocol = ProbeProtocol.HTTP, expectBody = "<title>Welcome to nginx!</title>")
    void theNameResolvesToTheReadyPodsAndEachServesOnItsPodPort(NetTest net, TestReporter reporter) {
        ServiceHandle hl = hlWithEndpoints(net);

        DnsResolution resolution = net.client("probe").awaitResolution(hl.dnsName(), hl.endpointIps(), net.probeTimeout());

        reporter.publishEntry("resolution", resolution.toString());
        assertThat(hl.headless()).isTrue();
        assertThat(resolution.addresses()).containsExactlyInAnyOrderElementsOf(net.deployment("hl").readyPodIps());
    }

    @Test
    @Order(2)
    @WithManifest("policies/default-deny-ingress.yaml")
    @NotReachableFrom(service = "hl", via = Via.DNS, stabilityWindow = "3s")
    void withDefaultDenyNoAddressOfTheNameIsReachable(NetTest net) {
        hlWithEndpoints(net); // the positive control proves port 8080 -> web (80) on each pod first
    }

    @Test
    @Order(3)
    void healsByItsEndpointsAndDnsRecordsWithoutAClusterIp(NetTest net, TestReporter reporter) {
        ServiceHandle hl = hlWithEndpoints(net);
        ProbeClient probe = net.client("probe");

        HealingReport healing = hl.deleteOnePodAndAwaitHealing();

        reporter.publishEntry("healing", healing.toString());
        assertThat(healing.leftIps()).hasSize(1).doesNotContainAnyElementsOf(healing.endpointsAfter());
        assertThat(healing.endpointsAfter()).hasSize(2).containsExactlyInAnyOrderElementsOf(net.deployment("hl").readyPodIps());
        assertThat(probe.resolve(hl.dnsName()).addresses()).containsExactlyInAnyOrderElementsOf(healing.endpointsAfter());
    }

    @Test
    @Order(4)
    @ReachableFrom(service = "hl", via = Via.EACH_ENDPOINT, protocol = ProbeProtocol.HTTP,
            expectBody = "<title>Welcome to nginx!</title>")
    void eachEndpointIsProbedOnThePodPortItsNamedTargetPortResolvesTo(NetTest net) {
        assertThat(hlWithEndpoints(net).endpoints(8080)).allSatisfy(e -> assertThat(e.port()).isEqualTo(80));
    }

    @Test
    @Order(5)
    void aMatrixWhichProbesClusterIpsRejectsTheHeadlessServiceBeforeProbing(NetTest net) {
        long start = System.nanoTime();

        assertThatThrownBy(() -> net.matrix().source(ClientSpec.named("probe").build())
                .service("hl", 8080, ProbeProtocol.TCP).allowAllTo("hl").assertMatches())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the service is headless (clusterIP: None)").hasMessageContaining("Via.DNS");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @Order(6)
    void aNameThatDoesNotExistResolvesToNothingAndTheResultSaysWhy(NetTest net) {
        DnsResolution none = net.client("probe").resolve("no-such-service." + net.namespace() + ".svc.cluster.local");

        assertThat(none.resolved()).isFalse();
        assertThat(none.toString()).contains("did not resolve from").contains("command: timeout 3 nslookup no-such-service.");
    }
}
