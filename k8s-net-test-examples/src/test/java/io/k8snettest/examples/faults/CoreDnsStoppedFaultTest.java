package io.k8snettest.examples.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.WithManifest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * CoreDNS stopped: a check by DNS name fails within its bound saying that DNS is not answering (not
 * that the name is wrong); a check by ClusterIP still passes.
 */
@Isolated
@K8sNetTest
@WithManifest("run-my-nginx.yaml")
@ExposeService(deployment = "my-nginx")
class CoreDnsStoppedFaultTest {

    private static final Duration BOUND = Duration.ofSeconds(15);

    @Test
    void withoutDnsNameChecksFailSayingSoAndClusterIpChecksStillPass(NetTest net) {
        ServiceHandle svc = net.service("my-nginx");
        ProbeClient probe = net.client("probe");
        probe.awaitHttp(svc.dnsName(), 80, "/", 200, "Welcome to nginx!", net.probeTimeout()); // DNS works before

        LocalCluster.component("stop", "coredns");
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> probe.awaitResolution(svc.dnsName(), svc.endpointIps().isEmpty()
                    ? java.util.List.of() : java.util.List.of(svc.clusterIP()), BOUND))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("DNS is not answering")
                    .hasMessageContaining("kube-system/kube-dns has no ready endpoint");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to the verdict").isLessThan(BOUND.plusSeconds(20));

            assertThat(probe.http(svc.clusterIP(), 80, "/").success()).as("the ClusterIP without DNS").isTrue();
        } finally {
            LocalCluster.component("start", "coredns");
        }
        probe.awaitHttp(svc.dnsName(), 80, "/", 200, "Welcome to nginx!", net.probeTimeout()); // and back
    }
}
