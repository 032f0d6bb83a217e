package io.k8snettest.examples;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.WithDeployment;
import org.junit.jupiter.api.Test;

/**
 * Runs in parallel with {@link ParallelIsolationBTest} (see junit-platform.properties): both create
 * a deployment and service called {@code web} and must see only their own.
 */
@K8sNetTest
@WithDeployment(name = "web", image = "nginx:1.22.1", replicas = 1, port = 80, labels = "app=web")
@ExposeService(deployment = "web")
class ParallelIsolationATest {

    @Test
    void seesOnlyItsOwnPodsBehindItsService(NetTest net) throws InterruptedException {
        ParallelIsolation.assertIsolated(net, "A");
    }
}
