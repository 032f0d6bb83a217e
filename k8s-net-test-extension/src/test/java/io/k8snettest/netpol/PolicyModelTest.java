package io.k8snettest.netpol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Kubernetes objects into the engine's input: what is kept, what is set aside, what is refused. */
class PolicyModelTest {

    private static Pod pod(String name, String phase, boolean hostNetwork) {
        return new PodBuilder().withNewMetadata().withNamespace("x").withName(name).withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().withHostNetwork(hostNetwork)
                .addNewContainer().withName("web").addNewPort().withName("http").withContainerPort(8080).endPort()
                .addNewPort().withContainerPort(9090).withProtocol("UDP").endPort().endContainer()
                .endSpec().withNewStatus().withPhase(phase).withPodIP("Pending".equals(phase) ? null : "10.42.0.9").endStatus().build();
    }

    @Test
    @DisplayName("pods keep labels, IP and named ports (protocol default TCP); namespaces get the name label; other kinds are ignored")
    void converts() {
        List<HasMetadata> objects = List.of(
                new NamespaceBuilder().withNewMetadata().withName("x").withLabels(Map.of("team", "blue")).endMetadata().build(),
                pod("web", "Running", false), pod("starting", "Pending", false),
                new ServiceBuilder().withNewMetadata().withNamespace("x").withName("web").endMetadata().build(),
                Policies.policy("x", "metadata: {name: p}\nspec: {podSelector: {}}"));
        PolicyModel model = PolicyModel.of(objects);
        assertThat(model.namespaces()).containsExactly(new NamespaceInfo("x", Map.of("team", "blue", NamespaceInfo.NAME_LABEL, "x")));
        assertThat(model.pods()).hasSize(2);
        PodInfo web = (PodInfo) model.endpoint("web", "x", "test");
        assertThat(web.ip()).isEqualTo("10.42.0.9");
        assertThat(web.labels()).containsExactly(Map.entry("app", "web"));
        assertThat(web.ports()).containsExactly(ContainerPort.tcp("http", 8080), new ContainerPort(null, 9090, Protocol.UDP));
        assertThat(((PodInfo) model.endpoint("x/starting", "y", "test")).ip()).isNull();
        assertThat(model.endpoint("192.0.2.1", "x", "test")).isEqualTo(new ExternalIp("192.0.2.1"));
        assertThat(model.policies()).hasSize(1);
        assertThat(model.engine().explain(Cell.tcp(new ExternalIp("192.0.2.1"), web, 8080)).allowed()).isFalse();
    }

    @Test
    @DisplayName("hostNetwork and finished pods are set aside with the reason; naming one fails")
    void setsAside() {
        PolicyModel model = PolicyModel.of(List.of(pod("agent", "Running", true), pod("job", "Succeeded", false)));
        assertThat(model.pods()).isEmpty();
        assertThat(model.unsupported()).containsOnlyKeys("x/agent", "x/job");
        assertThatThrownBy(() -> model.endpoint("job", "x", "explain(job)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("explain(job): pod x/job cannot be explained: it has finished (phase Succeeded)");
    }

    @Test
    @DisplayName("bad input: a CNI's own policy kind is refused like an AdminNetworkPolicy")
    void refusesOtherPolicyKinds() {
        HasMetadata calico = new GenericKubernetesResourceBuilder().withApiVersion("crd.projectcalico.org/v1")
                .withKind("GlobalNetworkPolicy").withNewMetadata().withName("deny-egress").endMetadata().build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> PolicyModel.of(List.of(calico))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GlobalNetworkPolicy deny-egress (crd.projectcalico.org/v1)")
                .hasMessageContaining("is a policy the engine does not compute")
                .hasMessageContaining("remove it from the cluster or the input, or check the cell by probing");
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }
}
