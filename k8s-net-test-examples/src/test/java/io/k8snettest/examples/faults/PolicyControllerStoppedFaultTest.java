package io.k8snettest.examples.faults;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.WithManifest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The NetworkPolicy controller (kube-router) stopped after the canary passed: a deny applied afterwards
 * is not enforced, and the negative check says so instead of passing on the canary's cached verdict.
 */
@Isolated
@K8sNetTest
@WithManifest("run-my-nginx.yaml")
@ExposeService(deployment = "my-nginx")
class PolicyControllerStoppedFaultTest {

    private static final String DENY = "policies/default-deny-ingress.yaml";
    private static final Duration WINDOW = Duration.ofSeconds(3);

    @Test
    void aDenyAppliedAfterTheControllerStoppedIsNeverReportedAsHolding(NetTest net) {
        String ip = net.service("my-nginx").clusterIP();
        ProbeClient probe = net.client("probe");

        // With the controller: the canary runs (and passes), the deny holds, and goes again.
        net.applyManifest(DENY);
        probe.assertTcpBlockedFor(ip, 80, WINDOW);
        net.deleteManifest(DENY);
        probe.awaitTcp(ip, 80, net.probeTimeout());

        LocalCluster.component("stop", "kube-router");
        try {
            net.applyManifest(DENY);
            assertThatThrownBy(() -> probe.assertTcpBlockedFor(ip, 80, WINDOW))
                    .as("a negative check while nothing enforces the policy")
                    .isInstanceOf(AssertionError.class);
        } finally {
            LocalCluster.component("start", "kube-router");
        }
        // enforced again once the controller is back: a restarted controller (on every node) first has to sync
        // the policy, so wait for the block before asserting that it holds (a CI run on two nodes raced here)
        probe.awaitTcpBlocked(ip, 80, net.probeTimeout());
        probe.assertTcpBlockedFor(ip, 80, WINDOW);
    }
}
