package io.k8snettest.examples.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.HealingReport;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.ServiceHandle.Endpoint;
import io.k8snettest.api.Via;
import io.k8snettest.api.WithManifest;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * A service with several ports: endpoints are per service port (matched by the EndpointSlices' port
 * names), each check probes its own service port's pod port, and a port where nothing listens
 * fails a negative check as "does not serve" instead of passing as "blocked".
 */
@K8sNetTest
@WithManifest("services/multi-port-web.yaml")
class MultiPortServiceTest {

    private static ServiceHandle webWithEndpoints(NetTest net) {
        ServiceHandle web = net.service("web");
        await("2 ready endpoints behind web:80").atMost(net.probeTimeout()).until(() -> web.endpoints(80).size() == 2);
        return web;
    }

    @Test
    void endpointsArePerServicePortWithThePodPortEachResolvesTo(NetTest net) {
        ServiceHandle web = webWithEndpoints(net);

        assertThat(web.endpoints("http")).extracting(Endpoint::servicePort, Endpoint::port).containsOnly(tuple(80, 80));
        assertThat(web.endpoints(8080)).extracting(Endpoint::servicePortName, Endpoint::port).containsOnly(tuple("alt", 80));
        assertThat(web.endpoints("dead")).extracting(Endpoint::servicePort, Endpoint::port).containsOnly(tuple(8081, 81));
        assertThat(web.endpoints()).hasSize(2 * 4).doesNotHaveDuplicates();
        assertThat(web.endpointIps()).containsExactlyInAnyOrderElementsOf(net.deployment("web").readyPodIps());
    }

    @Test
    @ReachableFrom(service = "web", port = 8080, via = Via.EACH_ENDPOINT, protocol = ProbeProtocol.HTTP,
            expectBody = "<title>Welcome to nginx!</title>")
    void eachEndpointOfTheSecondPortIsProbedOnItsOwnPodPort(NetTest net) {
        webWithEndpoints(net); // the declared check runs after this body
    }

    @Test
    void aDeadPortUnderANegativeCheckFailsAsNotServingInsteadOfPassingAsBlocked(NetTest net, TestReporter reporter) {
        webWithEndpoints(net);
        long start = System.nanoTime();

        // a denied matrix cell is a negative check: its positive control proves port 8081 -> 81 on each pod
        Throwable failure = catchThrowable(() -> net.matrix().source(ClientSpec.named("outsider").build())
                .service("web", 8081, ProbeProtocol.TCP).assertMatches());

        reporter.publishEntry("failure", failure.getMessage().lines().limit(4).collect(Collectors.joining("\n")));
        reporter.publishEntry("elapsed-ms", String.valueOf(Duration.ofNanos(System.nanoTime() - start).toMillis()));
        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the target does not serve on port 81: service web port 8081 (dead)/TCP -> targetPort 81")
                .hasMessageContaining("refused the connection").hasMessageContaining("hint: check the service's targetPort");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(net.probeTimeout());
    }

    @Test
    void healingWaitsForEveryServicePortAndProbesTheFirstTcpPort(NetTest net, TestReporter reporter) {
        ServiceHandle web = webWithEndpoints(net);

        HealingReport healing = web.deleteOnePodAndAwaitHealing();

        reporter.publishEntry("healing", healing.toString());
        assertThat(healing.endpointsAfter()).hasSize(2).containsExactlyInAnyOrderElementsOf(net.deployment("web").readyPodIps());
        for (String port : new String[] {"http", "alt", "dead", "syslog"}) {
            assertThat(web.endpoints(port)).extracting(Endpoint::ip).as("endpoints of port " + port)
                    .containsExactlyInAnyOrderElementsOf(healing.endpointsAfter());
        }
    }

    @Test
    void aTcpOrHttpProbeOfAUdpPortIsRejectedBeforeProbing(NetTest net) {
        long start = System.nanoTime();

        assertThatThrownBy(() -> net.matrix().source(ClientSpec.named("probe").build())
                .service("web", 514, ProbeProtocol.HTTP).allowAllTo("web").assertMatches())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service web port 514 (syslog)/UDP -> targetPort 514 has protocol UDP")
                .hasMessageContaining("Probe a TCP port of the service");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
