package io.k8snettest.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.WithDeployment;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Every replica is reached through the ClusterIP, not just one: agnhost's {@code netexec} answers
 * {@code /hostname} with its pod name, so the test sees who answered.
 */
@K8sNetTest
@WithDeployment(name = "hostnames", image = "registry.k8s.io/e2e-test-images/agnhost:2.56", replicas = 3,
        port = 8080, args = {"netexec", "--http-port=8080"})
@ExposeService(deployment = "hostnames", port = 80, targetPort = 8080)
class EveryReplicaAnswersTest {

    /** Requests per exec: one exec call sends a batch, so a few calls suffice for three replicas. */
    private static final int BATCH = 20;

    @Test
    void everyReplicaAnswersThroughTheClusterIp(NetTest net, TestReporter reporter) {
        ServiceHandle svc = net.service("hostnames");
        Set<String> podNames = net.deployment("hostnames").pods().stream()
                .map(pod -> pod.getMetadata().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        ProbeClient client = net.client("probe");
        String batch = "for i in $(seq " + BATCH + "); do timeout 2 wget -q -O - http://" + svc.clusterIP()
                + ":80/hostname; echo; done";
        Set<String> answered = new TreeSet<>();

        await("every replica of hostnames answers through ClusterIP " + svc.clusterIP())
                .atMost(net.probeTimeout())
                .until(() -> {
                    answered.addAll(lines(client.exec("sh", "-c", batch).stdout()));
                    return answered.containsAll(podNames);
                });

        reporter.publishEntry("answered", String.join(",", answered));
        assertThat(answered).isEqualTo(podNames).hasSize(3);
    }

    private static Set<String> lines(String output) {
        return Arrays.stream(output.split("\n")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
