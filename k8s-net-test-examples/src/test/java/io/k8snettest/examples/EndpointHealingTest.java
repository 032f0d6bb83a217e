package io.k8snettest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.HealingReport;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.WithManifest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * "When a Pod dies it is removed from the endpoints, and new Pods matching the selector are added":
 * delete a pod and watch the service heal while the ClusterIP is probed continuously.
 */
@K8sNetTest
@WithManifest("run-my-nginx.yaml")
@ExposeService(deployment = "my-nginx")
class EndpointHealingTest {

    @Test
    void aDeletedPodLeavesTheEndpointsAndItsReplacementJoins(NetTest net, TestReporter reporter) {
        ServiceHandle svc = net.service("my-nginx");
        Set<String> before = svc.endpointIps();

        HealingReport healing = svc.deleteOnePodAndAwaitHealing();
        reporter.publishEntry("healing", healing.toString());

        // (the healer itself waits for: deleted IPs gone, as many ready endpoints as before, ClusterIP serving)
        assertThat(healing.endpointsBefore()).isEqualTo(before).hasSize(2);
        assertThat(healing.deletedPods()).singleElement()
                .isNotIn(net.deployment("my-nginx").pods().stream().map(pod -> pod.getMetadata().getName()).toList());
        assertThat(healing.leftIps()).hasSize(1);
        assertThat(healing.endpointsAfter()).containsExactlyInAnyOrderElementsOf(net.deployment("my-nginx").readyPodIps());
        assertThat(healing.probesSent()).as("probes sent during the disruption").isPositive();

        // and the welcome page, not just a TCP accept (fails the test if it never comes)
        net.client("probe").awaitHttp(svc.clusterIP(), 80, "/", 200, "Welcome to nginx!", net.probeTimeout());
    }
}
