package io.k8snettest.examples.policy;

import static io.k8snettest.examples.policy.PolicyExamples.WINDOW_DURATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.api.WithManifest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@code team NotIn [blocked]} namespace selector: it matches every namespace whose label is not
 * {@code blocked}, including one without the label. The test namespace is labelled
 * {@code team=blocked} before the policy and the server exist, so its own client is kept out while
 * a companion namespace's gets in; relabelled mid-test, it gets in too.
 */
@K8sNetTest(namespaceLabels = "team=blocked")
@WithManifest({"run-my-nginx.yaml", "policies/allow-my-nginx-from-teams-not-blocked.yaml"})
@ExposeService(deployment = "my-nginx")
class NamespaceNotInSelectorTest {

    @Test
    void theLabelledTestNamespaceIsNotAdmittedUntilItsLabelChanges(NetTest net) {
        assertThat(net.kubernetesClient().namespaces().withName(net.namespace()).get().getMetadata().getLabels())
                .containsEntry("team", "blocked");
        ReachabilityMatrix.Result blocked = matrix(net).allow("friend", "my-nginx").stabilityWindow(WINDOW_DURATION)
                .assertMatches();
        assertThat(blocked.observed()).isDeepEqualTo(new boolean[][] {{false}, {true}});

        net.setNamespaceLabels(Map.of("team", "net"));
        matrix(net).allowAllTo("my-nginx").assertMatches();
    }

    private static ReachabilityMatrix.Builder matrix(NetTest net) {
        return net.matrix()
                .source(ClientSpec.named("insider").build())        // in the test namespace, team=blocked
                .source(ClientSpec.named("friend").inNamespace("friends").namespaceLabel("team", "friends").build())
                .service("my-nginx", 80, ProbeProtocol.TCP);
    }
}
