package io.k8snettest.examples.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.HealingReport;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.WithManifest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Isolated;

/** kube-proxy restarted while a healing measurement probes the ClusterIP: the healing verdict is still true. */
@Isolated
@K8sNetTest
@WithManifest("run-my-nginx.yaml")
@ExposeService(deployment = "my-nginx")
class KubeProxyRestartFaultTest {

    @Test
    void healingMeasuredWhileKubeProxyRestartsEndsInATrueVerdict(NetTest net, TestReporter reporter) throws Exception {
        ServiceHandle svc = net.service("my-nginx");
        CompletableFuture<HealingReport> healing = CompletableFuture.supplyAsync(svc::deleteOnePodAndAwaitHealing);

        LocalCluster.component("restart", "kube-proxy"); // while the healer deletes a pod and probes the ClusterIP

        HealingReport report = healing.get(5, TimeUnit.MINUTES);
        reporter.publishEntry("healing", report.toString());
        assertThat(report.leftIps()).hasSize(1);
        assertThat(report.endpointsAfter()).containsExactlyInAnyOrderElementsOf(net.deployment("my-nginx").readyPodIps());
        assertThat(report.probesSent()).as("probes sent during the disruption").isPositive();
        net.client("probe").awaitHttp(svc.clusterIP(), 80, "/", 200, "Welcome to nginx!", net.probeTimeout());
    }
}
