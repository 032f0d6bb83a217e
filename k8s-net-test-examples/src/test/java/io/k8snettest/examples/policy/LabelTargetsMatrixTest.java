package io.k8snettest.examples.policy;

import static io.k8snettest.examples.policy.PolicyExamples.WINDOW_DURATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.Test;

/**
 * Pods as targets by label: {@code run=my-nginx} matches the deployment's two pods, whose names are
 * generated; each is a column (probed on its pod IP), and each gets the selector's expectation. Only
 * clients labelled {@code access=true} get in.
 */
@K8sNetTest
@WithManifest({"run-my-nginx.yaml", "policies/allow-my-nginx-from-access-label.yaml"})
class LabelTargetsMatrixTest {

    @Test
    void everyPodOfTheSelectorIsAColumnWithTheSelectorsExpectation(NetTest net) {
        ReachabilityMatrix.Result result = net.matrix()
                .source(ClientSpec.named("trusted").label("access", "true").build())
                .source(ClientSpec.named("stranger").build())
                .podsLabelled("run=my-nginx", 80, ProbeProtocol.TCP)
                .allow("trusted", "run=my-nginx")
                .stabilityWindow(WINDOW_DURATION)
                .assertMatches();

        assertThat(result.targets()).hasSize(2).allMatch(column -> column.matches("run=my-nginx\\[my-nginx-[a-z0-9-]+]"));
        assertThat(result.observed()).isDeepEqualTo(new boolean[][] {{true, true}, {false, false}});
    }

    @Test
    void aSelectorNoPodMatchesFailsNamingItAndTheNamespace(NetTest net) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> net.matrix().source(ClientSpec.named("trusted").label("access", "true").build())
                .podsLabelled("run=my-ngnix", 80, ProbeProtocol.TCP).allowAllTo("run=my-ngnix").assertMatches())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no running pod in namespace " + net.namespace() + " matches the label selector"
                        + " \"run=my-ngnix\"");
        assertThat(System.nanoTime() - start).as("nanos to the verdict").isLessThan(5_000_000_000L);
    }
}
