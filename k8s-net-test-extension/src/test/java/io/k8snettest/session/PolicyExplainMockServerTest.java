package io.k8snettest.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.PolicyExplanation;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.k8s.FakeControlPlane;
import io.k8snettest.policy.PolicyEnforcement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link NetTest#explainPolicy}: reads the two ends' namespaces (mock cluster, no data plane, no probe),
 * explains the cell and publishes the reason to the test that asked; what it cannot compute fails fast
 * with the object and the fix.
 */
@EnableKubernetesMockClient(crud = true)
class PolicyExplainMockServerTest {

    private static final RuntimeSettings SETTINGS = new RuntimeSettings("k8snet", "never", Duration.ofHours(1),
            "busybox:1.35.0", Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1));

    KubernetesClient client;
    private FakeControlPlane controlPlane;
    private NamespaceSession session;
    private final Map<String, String> entries = new ConcurrentHashMap<>();
    private NetTest net;

    @BeforeEach
    void cluster() {
        controlPlane = new FakeControlPlane(client);
        session = NamespaceSession.open(client, SETTINGS, "run-1", "com.example.ExplainTest", new PolicyEnforcement(), null);
        String ns = session.namespace();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("other")
                .withLabels(Map.of("team", "green")).endMetadata().build()).create();
        client.pods().inNamespace(ns).resource(pod(ns, "web-1", "app", "web", "10.42.0.11")).create();
        client.pods().inNamespace("other").resource(pod("other", "client", "app", "client", "10.42.1.5")).create();
        client.network().v1().networkPolicies().inNamespace(ns).resource(Serialization.unmarshal("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-from-blue}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {team: blue}}}], ports: [{port: http}]}]
                """, NetworkPolicy.class)).create();
        net = session.netTest(new io.k8snettest.report.Publisher() {
            @Override
            public void entry(String key, String value) {
                entries.put(key, value);
            }

            @Override
            public void html(String fileName, String html) {
            }
        });
    }

    @AfterEach
    void close() throws InterruptedException {
        session.close(false);
        controlPlane.close();
    }

    private static Pod pod(String ns, String name, String key, String value, String ip) {
        return new PodBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(Map.of(key, value)).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx").addNewPort().withName("http")
                .withContainerPort(8080).endPort().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).endStatus().build();
    }

    @Test
    @DisplayName("a cell is explained from the cluster's objects and published to the asking test")
    void explainsFromTheCluster() {
        PolicyExplanation denied = net.explainPolicy("other/client", "web-1", 8080);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.reason()).isEqualTo("denied: ingress to " + session.namespace() + "/web-1:8080/TCP from other/client: "
                + session.namespace() + "/web-1 is selected by " + session.namespace() + "/web-from-blue; no ingress rule admits"
                + " other/client on 8080/TCP (" + session.namespace() + "/web-from-blue admits all pods in namespaces with"
                + " team=blue on named port http/TCP)");
        assertThat(entries).containsEntry("k8snet.policy.explain", denied.reason());

        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("blue")
                .withLabels(Map.of("team", "blue")).endMetadata().build()).create();
        client.pods().inNamespace("blue").resource(pod("blue", "friend", "app", "client", "10.42.2.5")).create();
        PolicyExplanation allowed = net.explainPolicy("blue/friend", "web-1", 8080, "TCP");
        assertThat(allowed.allowed()).as(allowed.reason()).isTrue();
        assertThat(net.explainPolicy("web-1", "other/client", 9999, "UDP").allowed()).as("no egress policy, other/client open").isTrue();
    }

    @Test
    @DisplayName("bad input: an AdminNetworkPolicy in the cluster is refused, not ignored")
    void adminNetworkPolicyRefused() {
        client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("policy.networking.k8s.io")
                        .withVersion("v1alpha1").withKind("AdminNetworkPolicy").withPlural("adminnetworkpolicies").withNamespaced(false).build())
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("policy.networking.k8s.io/v1alpha1")
                        .withKind("AdminNetworkPolicy").withNewMetadata().withName("cluster-guard").endMetadata().build()).create();
        long start = System.nanoTime();
        assertThatThrownBy(() -> net.explainPolicy("other/client", "web-1", 8080)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AdminNetworkPolicy cluster-guard (policy.networking.k8s.io/v1alpha1)")
                .hasMessageContaining("computes networking.k8s.io/v1 NetworkPolicy only")
                .hasMessageContaining("check the cell by probing");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("bad input: an unknown pod, a hostNetwork pod and a lower-case protocol name the call and the fix")
    void badRefs() {
        client.pods().inNamespace("other").resource(new PodBuilder(pod("other", "node-agent", "app", "agent", "192.168.1.1"))
                .editSpec().withHostNetwork(true).endSpec().build()).create();
        long start = System.nanoTime();
        assertThatThrownBy(() -> net.explainPolicy("other/nope", "web-1", 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NetTest.explainPolicy(\"other/nope\", \"web-1\", 80, \"TCP\")")
                .hasMessageContaining("no pod other/nope; pods there: [other/client]")
                .hasMessageContaining("<namespace>/<pod>");
        assertThatThrownBy(() -> net.explainPolicy("other/node-agent", "web-1", 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pod other/node-agent cannot be explained: it uses the host network");
        assertThatThrownBy(() -> net.explainPolicy("other/client", "web-1", 80, "udp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("protocol \"udp\" is not a protocol").hasMessageContaining("use TCP, UDP or SCTP (upper case)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
