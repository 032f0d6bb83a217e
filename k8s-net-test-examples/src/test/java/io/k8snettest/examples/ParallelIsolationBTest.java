package io.k8snettest.examples;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.WithDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;

/** The twin of {@link ParallelIsolationATest}, with two replicas so the two are told apart. */
@ExtendWith(ParallelIsolation.Registration.class) // before @K8sNetTest: marks the class running during its setup too
@K8sNetTest
@WithDeployment(name = "web", image = "nginx:1.22.1", replicas = 2, port = 80, labels = "app=web")
@ExposeService(deployment = "web")
class ParallelIsolationBTest {

    @Test
    void seesOnlyItsOwnPodsBehindItsService(NetTest net, TestReporter reporter) {
        ParallelIsolation.assertIsolated(net, "B", 2, reporter);
    }
}
