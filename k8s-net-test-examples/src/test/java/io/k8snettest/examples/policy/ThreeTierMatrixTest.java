package io.k8snettest.examples.policy;

import static io.k8snettest.examples.policy.PolicyExamples.NGINX;
import static io.k8snettest.examples.policy.PolicyExamples.WINDOW_DURATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * A 3 x 3 reachability matrix: three client identities x three services behind a default-deny
 * policy. web admits the whole namespace, api only role=frontend, db only role=backend. The truth
 * table lands in the test report ({@code k8snet.matrix}), with the time and exec calls it took.
 */
@K8sNetTest
@WithDeployment(name = "web", image = NGINX, port = 80, labels = "app=web")
@WithDeployment(name = "api", image = NGINX, port = 80, labels = "app=api")
@WithDeployment(name = "db", image = NGINX, port = 80, labels = "app=db")
@ExposeService(deployment = "web")
@ExposeService(deployment = "api")
@ExposeService(deployment = "db")
@WithManifest("policies/three-tier.yaml")
class ThreeTierMatrixTest {

    @Test
    void frontendReachesApiBackendReachesDbEveryoneReachesWeb(NetTest net, TestReporter reporter) {
        ReachabilityMatrix.Result result = net.matrix()
                .source(ClientSpec.named("frontend").label("role", "frontend").build())
                .source(ClientSpec.named("backend").label("role", "backend").build())
                .source(ClientSpec.named("stranger").build())
                .service("web", 80, ProbeProtocol.HTTP)
                .service("api", 80, ProbeProtocol.TCP)
                .service("db", 80, ProbeProtocol.TCP)
                .allowAllTo("web")
                .allow("frontend", "api")
                .allow("backend", "db")
                .stabilityWindow(WINDOW_DURATION)
                .assertMatches();

        reporter.publishEntry("matrix.elapsed-ms", String.valueOf(result.elapsed().toMillis()));
        reporter.publishEntry("matrix.exec-calls", String.valueOf(result.execCalls()));
        // One exec per source and round (a round takes at least a second), never one per cell.
        assertThat(result.execCalls()).isPositive()
                .isLessThanOrEqualTo(3 * (int) (result.elapsed().toSeconds() + 1));
    }
}
