package io.k8snettest.examples.policy;

import static io.k8snettest.examples.policy.PolicyExamples.WELCOME_TITLE;
import static io.k8snettest.examples.policy.PolicyExamples.WINDOW_DURATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.PolicyExplanation;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.Test;

/**
 * Explaining a connection without probing: {@code net.explainPolicy} computes from the NetworkPolicies,
 * pods and namespaces in the cluster what the NetworkPolicy API decides, and says why. Here the
 * explanations are then checked against the data plane, which must agree.
 */
@K8sNetTest
@WithManifest({"run-my-nginx.yaml", "policies/allow-my-nginx-from-access-label.yaml"})
class ExplainPolicyTest {

    @Test
    void theExplanationNamesThePolicyAndWhatItAdmitsAndTheDataPlaneAgrees(NetTest net) {
        ProbeClient stranger = net.client("stranger");
        ProbeClient trusted = net.client(ClientSpec.named("trusted").label("access", "true").build());
        Pod nginx = net.deployment("my-nginx").pods().get(0);
        String ns = net.namespace();
        String target = nginx.getMetadata().getName();

        PolicyExplanation denied = net.explainPolicy(stranger.name(), target, 80);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.reason()).isEqualTo(("denied: ingress to %1$s/%2$s:80/TCP from %1$s/%3$s: %1$s/%2$s is selected by"
                + " %1$s/my-nginx-from-access-true; no ingress rule admits %1$s/%3$s on 80/TCP (%1$s/my-nginx-from-access-true"
                + " admits pods with access=true in namespace %1$s on 80/TCP)").formatted(ns, target, stranger.name()));

        PolicyExplanation allowed = net.explainPolicy(trusted.name(), target, 80);
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.reason()).contains("admitted by " + ns + "/my-nginx-from-access-true ingress[0] (from[0]: pods with"
                + " access=true in namespace " + ns + "; ports[0]: 80/TCP)");
        PolicyExplanation otherPort = net.explainPolicy(trusted.name(), target, 8080);
        assertThat(otherPort.allowed()).isFalse();
        assertThat(otherPort.reason()).contains("admits " + ns + "/" + trusted.name() + " but only on 80/TCP");

        String ip = nginx.getStatus().getPodIP();
        trusted.awaitHttp(ip, 80, "/", 200, WELCOME_TITLE, net.probeTimeout());
        stranger.awaitTcpBlocked(ip, 80, net.probeTimeout());
        stranger.assertTcpBlockedFor(ip, 80, WINDOW_DURATION);
    }

    /** A client in a companion namespace: the namespace's labels decide, and the explanation says which policy admitted it. */
    @Test
    @WithManifest("policies/allow-my-nginx-from-team-allowed.yaml")
    void acrossNamespacesTheNamespaceLabelsDecide(NetTest net) {
        ProbeClient allowed = net.client(ClientSpec.named("visitor").inNamespace("allowed").namespaceLabel("team", "allowed").build());
        ProbeClient other = net.client(ClientSpec.named("visitor").inNamespace("other").namespaceLabel("team", "other").build());
        Pod nginx = net.deployment("my-nginx").pods().get(0);
        String ns = net.namespace();
        String target = nginx.getMetadata().getName();

        PolicyExplanation in = net.explainPolicy(allowed.namespace() + "/" + allowed.name(), target, 80);
        assertThat(in.allowed()).as(in.reason()).isTrue();
        assertThat(in.reason()).contains("is selected by " + ns + "/my-nginx-from-access-true and " + ns
                + "/my-nginx-from-team-allowed; admitted by " + ns + "/my-nginx-from-team-allowed ingress[0] (from[0]: all pods in"
                + " namespaces with team=allowed; ports[0]: 80/TCP)");
        PolicyExplanation out = net.explainPolicy(other.namespace() + "/" + other.name(), target, 80);
        assertThat(out.allowed()).as(out.reason()).isFalse();
        assertThat(out.reason()).contains("no ingress rule admits " + other.namespace() + "/" + other.name() + " on 80/TCP");

        String ip = nginx.getStatus().getPodIP();
        allowed.awaitHttp(ip, 80, "/", 200, WELCOME_TITLE, net.probeTimeout());
        other.awaitTcpBlocked(ip, 80, net.probeTimeout());
        other.assertTcpBlockedFor(ip, 80, WINDOW_DURATION);
    }
}
