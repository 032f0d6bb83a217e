package io.k8snettest.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** When a fresh k3s counts as usable: every node Ready and CoreDNS available. */
class K3sReadinessTest {

    private static Node node(String ready) {
        return node("k3s-0", ready);
    }

    private static Node node(String name, String ready) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
                .addNewCondition().withType("Ready").withStatus(ready).withReason("KubeletNotReady")
                .withMessage("container runtime network not ready").endCondition().endStatus().build();
    }

    private static Deployment coredns(Integer available) {
        return new DeploymentBuilder().withNewMetadata().withName("coredns").withNamespace("kube-system").endMetadata()
                .withNewStatus().withAvailableReplicas(available).endStatus().build();
    }

    @Test
    void readyWhenTheNodeIsReadyAndCorednsAvailable() {
        assertThat(K3sReadiness.notReady(List.of(node("True")), coredns(1))).isEmpty();
    }

    @Test
    void notReadyNamesWhatIsMissing() {
        assertThat(K3sReadiness.notReady(List.of(), null)).contains("no node has registered");
        assertThat(K3sReadiness.notReady(List.of(node("False")), coredns(1)))
                .contains("node k3s-0 is not Ready (KubeletNotReady: container runtime network not ready)");
        assertThat(K3sReadiness.notReady(List.of(node("True")), null)).contains("deployment kube-system/coredns does not exist yet");
        assertThat(K3sReadiness.notReady(List.of(node("True")), coredns(null)))
                .contains("deployment kube-system/coredns has no available replica");
        assertThat(K3sReadiness.notReady(List.of(node("True")), coredns(0)))
                .contains("deployment kube-system/coredns has no available replica");
    }

    @Test
    void everyAgentMustHaveRegisteredAndBeReady() {
        List<String> agents = List.of("k8snet-agent-1");

        assertThat(K3sReadiness.notReady(List.of(node("True")), coredns(1), agents))
                .contains("node k8snet-agent-1 of the k3s agent of that name has not registered");
        assertThat(K3sReadiness.notReady(List.of(node("True"), node("k8snet-agent-1", "False")), coredns(1), agents))
                .contains("node k8snet-agent-1 is not Ready (KubeletNotReady: container runtime network not ready)");
        assertThat(K3sReadiness.notReady(List.of(node("True"), node("k8snet-agent-1", "True")), coredns(1), agents))
                .isEmpty();
    }

    @Test
    @DisplayName("bad input: a k3s agent that never registers fails at the startup timeout, naming the agent and its log")
    void agentThatNeverJoins() {
        withCrudServer(client -> {
            client.nodes().resource(node("True")).create();
            client.apps().deployments().inNamespace("kube-system").resource(coredns(1)).create();
            client.apps().deployments().inNamespace("kube-system").resource(coredns(1)).updateStatus();
            long start = System.nanoTime();

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> K3sReadiness.await(client, Duration.ofSeconds(2), true,
                            List.of("k8snet-agent-1"), name -> "the log of agent container " + name + " ends with:\n  level=fatal"))
                    .isInstanceOf(ClusterException.class)
                    .hasMessage("the k3s agent k8snet-agent-1 did not become a Ready node within k8snet.k3s.startup-timeout"
                            + " (2s left after the containers started): node k8snet-agent-1 of the k3s agent of that name has"
                            + " not registered; raise k8snet.k3s.startup-timeout on a slow machine, or set k8snet.k3s.agents=0"
                            + " for a single node; the log of agent container k8snet-agent-1 ends with:\n  level=fatal");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

            // Without a CNI (flannel-backend=none) the agent only has to register.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> K3sReadiness.await(client, Duration.ofSeconds(1), false,
                            List.of("k8snet-agent-1"), name -> "log"))
                    .hasMessageContaining("the k3s agent k8snet-agent-1 did not become a Ready node");
            client.nodes().resource(node("k8snet-agent-1", "False")).create();
            K3sReadiness.await(client, Duration.ofSeconds(5), false, List.of("k8snet-agent-1"), name -> "log");
        });
    }

    @Test
    @DisplayName("bad input: a k3s whose CoreDNS never comes fails at the startup timeout, naming the setting")
    void awaitIsBoundedAndNamesTheSetting() {
        withCrudServer(client -> {
            client.nodes().resource(node("True")).create();
            long start = System.nanoTime();

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> K3sReadiness.await(client, Duration.ofSeconds(2), true))
                    .isInstanceOf(ClusterException.class)
                    .hasMessageStartingWith("the k3s container started, but within k8snet.k3s.startup-timeout (2s left after"
                            + " the container start) the cluster did not become usable: deployment kube-system/coredns does"
                            + " not exist yet; raise k8snet.k3s.startup-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

            client.apps().deployments().inNamespace("kube-system").resource(coredns(1)).create();
            client.apps().deployments().inNamespace("kube-system").resource(coredns(1)).updateStatus();
            K3sReadiness.await(client, Duration.ofSeconds(5), true);
        });
    }

    /** Runs {@code test} against a fabric8 mock API server in CRUD mode. */
    private static void withCrudServer(java.util.function.Consumer<KubernetesClient> test) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            test.accept(client);
        } finally {
            server.destroy();
        }
    }
}
