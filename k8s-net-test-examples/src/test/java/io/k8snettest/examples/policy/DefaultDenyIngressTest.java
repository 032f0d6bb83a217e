package io.k8snettest.examples.policy;

import static io.k8snettest.examples.policy.PolicyExamples.WELCOME_TITLE;
import static io.k8snettest.examples.policy.PolicyExamples.WINDOW;
import static io.k8snettest.examples.policy.PolicyExamples.WINDOW_DURATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed walkthrough's first step: with a default-deny ingress policy in the namespace,
 * {@code my-nginx} is not reachable from {@code load-generator}; once the policy is gone, it is.
 * Declared (the policy around one test method) and programmatic (apply, delete, wait).
 */
@K8sNetTest
@WithManifest("run-my-nginx.yaml")
@ExposeService(deployment = "my-nginx")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DefaultDenyIngressTest {

    private static final String POLICY = "policies/default-deny-ingress.yaml";

    @Test
    @Order(1)
    @WithManifest(POLICY)
    @NotReachableFrom(client = "load-generator", service = "my-nginx", stabilityWindow = WINDOW)
    void withDefaultDenyTheLoadGeneratorIsBlocked() {
        // the policy is applied before this method and deleted (and waited for) after it
    }

    @Test
    @Order(2)
    @ReachableFrom(client = "load-generator", service = "my-nginx", expectBody = WELCOME_TITLE)
    void theMethodsPolicyIsGoneAfterIt(NetTest net) {
        assertThat(net.kubernetesClient().network().v1().networkPolicies().inNamespace(net.namespace()).list().getItems())
                .isEmpty();
    }

    @Test
    @Order(3)
    void deletingThePolicyLetsTheLoadGeneratorIn(NetTest net) {
        ServiceHandle nginx = net.service("my-nginx");
        ProbeClient loadGenerator = net.client("load-generator");

        net.applyManifest(POLICY);
        loadGenerator.awaitTcpBlocked(nginx.clusterIP(), 80, net.probeTimeout());    // the data plane caught up
        loadGenerator.assertTcpBlockedFor(nginx.clusterIP(), 80, WINDOW_DURATION);   // and it holds

        net.deleteManifest(POLICY);
        loadGenerator.awaitHttp(nginx.clusterIP(), 80, "/", 200, WELCOME_TITLE, net.probeTimeout()); // fails if it never serves again
    }
}
