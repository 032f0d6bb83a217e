package io.k8snettest.examples.policy;

import static io.k8snettest.examples.policy.PolicyExamples.WELCOME_TITLE;
import static io.k8snettest.examples.policy.PolicyExamples.WINDOW_DURATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.Test;

/**
 * Across namespaces: the policy admits namespaces labelled {@code team=allowed}. The clients run in
 * companion namespaces that the test creates (labelled as ours) and deletes with its own.
 */
@K8sNetTest
@WithManifest({"run-my-nginx.yaml", "policies/allow-my-nginx-from-team-allowed.yaml"})
@ExposeService(deployment = "my-nginx")
class NamespaceSelectorTest {

    @Test
    void aClientOfTheAllowedNamespaceGetsInOneOfAnotherDoesNot(NetTest net) {
        ServiceHandle nginx = net.service("my-nginx");
        ProbeClient allowed = net.client(ClientSpec.named("visitor").inNamespace("allowed").namespaceLabel("team", "allowed").build());
        ProbeClient other = net.client(ClientSpec.named("visitor").inNamespace("other").namespaceLabel("team", "other").build());

        allowed.awaitHttp(nginx.dnsName(), 80, "/", 200, WELCOME_TITLE, net.probeTimeout());  // fails unless it gets in
        other.awaitTcpBlocked(nginx.clusterIP(), 80, net.probeTimeout());
        other.assertTcpBlockedFor(nginx.clusterIP(), 80, WINDOW_DURATION);

        assertThat(allowed.namespace()).isEqualTo(net.namespace() + "-allowed");
        assertThat(other.namespace()).isEqualTo(net.namespace() + "-other");
    }
}
