package io.k8snettest.examples.policy;

import static io.k8snettest.examples.policy.PolicyExamples.WELCOME_TITLE;
import static io.k8snettest.examples.policy.PolicyExamples.WINDOW;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.Via;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.Test;

/**
 * Egress: a default-deny egress policy on the client blocks it; an egress rule to my-nginx's pods
 * plus one to the cluster DNS lets it through, by name.
 */
@K8sNetTest
@WithManifest("run-my-nginx.yaml")
@ExposeService(deployment = "my-nginx")
class EgressPolicyTest {

    private static final String LOCKED_DOWN = "role=locked-down";

    /** {@code free} is not selected by the policy: it proves my-nginx serves while {@code locked} is blocked. */
    @Test
    @WithManifest("policies/egress-default-deny.yaml")
    @ReachableFrom(client = "free", service = "my-nginx", expectBody = WELCOME_TITLE)
    @NotReachableFrom(client = "locked", clientLabels = LOCKED_DOWN, service = "my-nginx", controlClient = "free",
            stabilityWindow = WINDOW)
    void egressDefaultDenyBlocksTheSelectedClient() {
    }

    @Test
    @WithManifest({"policies/egress-default-deny.yaml", "policies/egress-allow-my-nginx-and-dns.yaml"})
    @ReachableFrom(client = "locked", clientLabels = LOCKED_DOWN, service = "my-nginx", via = Via.DNS,
            expectBody = WELCOME_TITLE)
    void anEgressRuleToTheServicesPodsPlusDnsLetsItThroughByName() {
    }
}
