package io.k8snettest.check;

import static io.k8snettest.k8s.Services.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.k8s.Services;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.Via;
import io.k8snettest.plan.ClientRef;
import io.k8snettest.plan.ReachabilitySpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad inputs of declared checks that the target service itself contradicts: rejected before any
 * probe, before the NetworkPolicy canary and before a client pod is created, fast, naming the
 * check, the service, the port and the fix.
 */
@EnableKubernetesMockClient(crud = true)
class ReachabilityCheckerCatalogueTest {

    private static final String NS = "ns";
    private static final Duration BOUND = Duration.ofSeconds(3);

    KubernetesClient client;
    private final AtomicInteger canaryRuns = new AtomicInteger();
    private ReachabilityChecker checker;

    @BeforeEach
    void services() {
        client.services().inNamespace(NS).resource(Services.service(NS, "db", "None", port("pg", 5432, "5432", "TCP"))).create();
        client.services().inNamespace(NS).resource(Services.service(NS, "dns", "10.96.0.20",
                port("dns", 53, "53", "UDP"), port("dns-tcp", 5353, "53", "TCP"))).create();
        client.services().inNamespace(NS).resource(Services.service(NS, "sig", "10.96.0.21", port("sig", 3868, "3868", "SCTP")))
                .create();
        checker = Checkers.checker(client, NS, canaryRuns::incrementAndGet);
    }

    private static ReachabilitySpec spec(boolean reachable, String service, int port, Via via, ProbeProtocol protocol) {
        String origin = (reachable ? "@ReachableFrom" : "@NotReachableFrom") + "(service=\"" + service + "\") on T.m";
        return new ReachabilitySpec(reachable, ClientRef.probe(ClientSpec.named("probe").build()), service, port, via, protocol,
                "/", 200, "", Duration.ofSeconds(30), Duration.ofSeconds(5), null, origin);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> rejects(ReachabilitySpec... specs) {
        long start = System.nanoTime();
        AbstractThrowableAssert<?, ? extends Throwable> thrown = assertThatThrownBy(() -> checker.verifyAll(List.of(specs)))
                .isInstanceOf(AssertionError.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        assertThat(canaryRuns).as("the NetworkPolicy canary ran for a check that cannot run").hasValue(0);
        assertThat(client.pods().inNamespace(NS).list().getItems()).as("client pods created").isEmpty();
        return thrown;
    }

    @Test
    @DisplayName("bad input: Via.CLUSTER_IP (the default) on a headless service names Via.DNS and Via.EACH_ENDPOINT")
    void clusterIpOfAHeadlessService() {
        rejects(spec(true, "db", -1, Via.CLUSTER_IP, ProbeProtocol.TCP))
                .hasMessageStartingWith("@ReachableFrom(service=\"db\") on T.m: service db is headless (clusterIP: None)")
                .hasMessageContaining("via = Via.CLUSTER_IP (the default) has nothing to probe")
                .hasMessageContaining("Use via = Via.DNS").hasMessageContaining("the name db.ns.svc resolves")
                .hasMessageContaining("via = Via.EACH_ENDPOINT");
    }

    @Test
    @DisplayName("bad input: a negative check via the ClusterIP of a headless service is rejected before the canary")
    void negativeClusterIpOfAHeadlessService() {
        rejects(spec(false, "db", 5432, Via.CLUSTER_IP, ProbeProtocol.TCP))
                .hasMessageStartingWith("@NotReachableFrom(service=\"db\") on T.m: service db is headless")
                .hasMessageContaining("Via.DNS").hasMessageContaining("Via.EACH_ENDPOINT");
    }

    @Test
    @DisplayName("bad input: an HTTP probe of a UDP service port names the service, port, protocol and what is supported")
    void httpProbeOfAUdpPort() {
        rejects(spec(true, "dns", 53, Via.CLUSTER_IP, ProbeProtocol.HTTP))
                .hasMessageStartingWith("@ReachableFrom(service=\"dns\") on T.m: a HTTP probe: service dns port 53 (dns)/UDP")
                .hasMessageContaining("has protocol UDP").hasMessageContaining("TCP connects and HTTP GETs over TCP")
                .hasMessageContaining("Probe a TCP port of the service (its ports: [53 (dns)/UDP -> targetPort 53,"
                        + " 5353 (dns-tcp)/TCP -> targetPort 53])");
    }

    @Test
    @DisplayName("bad input: a TCP probe of an SCTP service port (its first port) is rejected naming SCTP")
    void tcpProbeOfAnSctpPort() {
        rejects(spec(false, "sig", -1, Via.DNS, ProbeProtocol.TCP))
                .hasMessageContaining("a TCP probe: service sig port 3868 (sig)/SCTP").hasMessageContaining("has protocol SCTP");
    }

    @Test
    @DisplayName("bad input: a service port the service does not have names its ports")
    void unknownServicePort() {
        rejects(spec(true, "dns", 8080, Via.CLUSTER_IP, ProbeProtocol.TCP))
                .hasMessageContaining("service dns has no port 8080; its ports: [53 (dns)/UDP");
    }

    @Test
    @DisplayName("bad input: several contradicting checks are all reported at once, none probed")
    void everyRejectedCheckIsReported() {
        rejects(spec(true, "db", -1, Via.CLUSTER_IP, ProbeProtocol.TCP), spec(false, "dns", 53, Via.DNS, ProbeProtocol.TCP),
                spec(true, "nope", -1, Via.DNS, ProbeProtocol.TCP))
                .hasMessageStartingWith("3 of 3 reachability checks failed")
                .hasMessageContaining("service db is headless").hasMessageContaining("has protocol UDP")
                .hasMessageContaining("no service 'nope' in namespace ns; services there: [db, dns, sig]");
    }

    @Test
    @DisplayName("bad input: a negative check on a cluster that enforces no NetworkPolicy fails naming the check and the cluster's reason")
    void negativeCheckOnAClusterWithoutPolicyEnforcement() {
        Runnable gate = () -> {
            throw new io.k8snettest.cluster.ClusterException("k8s-net-test: this cluster does not enforce NetworkPolicy");
        };
        ReachabilityChecker unenforced = Checkers.checker(client, NS, gate);
        long start = System.nanoTime();

        assertThatThrownBy(() -> unenforced.verifyAll(List.of(spec(false, "dns", 5353, Via.CLUSTER_IP, ProbeProtocol.TCP))))
                .isInstanceOf(io.k8snettest.cluster.ClusterException.class)
                .hasMessage("cannot check @NotReachableFrom(service=\"dns\") on T.m: k8s-net-test: this cluster does not"
                        + " enforce NetworkPolicy");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        assertThat(client.pods().inNamespace(NS).list().getItems()).as("client pods created").isEmpty();
    }
}
