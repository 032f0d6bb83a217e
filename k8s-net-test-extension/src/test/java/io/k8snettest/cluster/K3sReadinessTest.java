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
        return new NodeBuilder().withNewMetadata().withName("k3s-0").endMetadata().withNewStatus()
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
    @DisplayName("bad input: a k3s whose CoreDNS never comes fails at the startup timeout, naming the setting")
    void awaitIsBoundedAndNamesTheSetting() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
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
        } finally {
            server.destroy();
        }
    }
}
