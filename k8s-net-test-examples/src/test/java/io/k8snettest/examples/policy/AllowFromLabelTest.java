package io.k8snettest.examples.policy;

import static io.k8snettest.examples.policy.PolicyExamples.WELCOME_TITLE;
import static io.k8snettest.examples.policy.PolicyExamples.WINDOW;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.Test;

/** Allow-from-label: only clients labelled {@code access=true} reach {@code my-nginx}. */
@K8sNetTest
@WithManifest({"run-my-nginx.yaml", "policies/allow-my-nginx-from-access-label.yaml"})
@ExposeService(deployment = "my-nginx")
class AllowFromLabelTest {

    /** The labelled client is the positive control of the negative check: my-nginx serves, just not to strangers. */
    @Test
    @ReachableFrom(client = "trusted", clientLabels = "access=true", service = "my-nginx", expectBody = WELCOME_TITLE)
    @NotReachableFrom(client = "stranger", service = "my-nginx", controlClient = "trusted", stabilityWindow = WINDOW)
    void onlyClientsLabelledAccessTrueGetIn() {
    }
}
