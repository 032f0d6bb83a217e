package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.k8snettest.plan.DeploymentSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code @WithDeployment} becomes. */
class ResourceFactoryTest {

    private static Container container(List<Integer> ports) {
        Deployment d = ResourceFactory.deployment(new DeploymentSpec("web", "nginx:1.22.1", 2, ports, Map.of("app", "web"),
                List.of(), List.of(), Map.of(), "@WithDeployment(name=\"web\") on T"), "ns");
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void aDeploymentWithPortsIsReadyOnceItsFirstPortAcceptsConnections() {
        Container c = container(List.of(80, 9090));

        assertThat(c.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(80);
        assertThat(c.getReadinessProbe().getPeriodSeconds()).isEqualTo(1);
        assertThat(c.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(80, 9090);
    }

    @Test
    void aDeploymentWithoutPortsHasNoReadinessProbe() {
        assertThat(container(List.of()).getReadinessProbe()).isNull();
    }

    @Test
    void thePullPolicyIsSetOnlyWhenTheSpecHasOne() {
        assertThat(container(List.of()).getImagePullPolicy()).as("Kubernetes' default").isNull();
        Deployment d = ResourceFactory.deployment(new DeploymentSpec("web", "team/app:latest", 1, List.of(), Map.of("app", "web"),
                List.of(), List.of(), Map.of(), "@WithDeployment(name=\"web\") on T", "IfNotPresent"), "ns");
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
    }
}
