package io.k8snettest.examples;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.WithDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Creates a deployment and service called {@code web}, as {@link ParallelIsolationBTest} does, and must
 * see only its own: alone (against a look-alike pod in another namespace) and, when the suite runs
 * both classes in parallel (see junit-platform.properties), against the twin.
 */
@ExtendWith(ParallelIsolation.Registration.class) // before @K8sNetTest: marks the class running during its setup too
@K8sNetTest
@WithDeployment(name = "web", image = "nginx:1.22.1", replicas = 1, port = 80, labels = "app=web")
@ExposeService(deployment = "web")
class ParallelIsolationATest {

    @Test
    void seesOnlyItsOwnPodsBehindItsService(NetTest net, TestReporter reporter) {
        ParallelIsolation.assertIsolated(net, "A", 1, reporter);
    }
}
