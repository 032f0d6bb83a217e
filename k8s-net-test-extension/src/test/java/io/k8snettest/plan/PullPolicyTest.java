package io.k8snettest.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.WithDeployment;
import io.k8snettest.api.WithDeployment.PullPolicy;
import io.k8snettest.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code @WithDeployment(imagePullPolicy)}, and {@code IfNotPresent} for loaded images whatever their tag. */
class PullPolicyTest {

    private static final Settings NO_SETTINGS = new Settings(key -> Optional.empty(), name -> null);

    @WithDeployment(name = "mine", image = "team/app")
    @WithDeployment(name = "always", image = "team/app:dev", imagePullPolicy = PullPolicy.ALWAYS)
    @WithDeployment(name = "never", image = "nginx:1.27", imagePullPolicy = PullPolicy.NEVER)
    @WithDeployment(name = "present", image = "nginx:1.27", imagePullPolicy = PullPolicy.IF_NOT_PRESENT)
    @WithDeployment(name = "upstream", image = "nginx")
    static class PoliciesCase {
    }

    private static Map<String, String> policies(ResourcePlan plan) {
        return plan.deployments().stream().collect(java.util.stream.Collectors.toMap(DeploymentSpec::name, DeploymentSpec::imagePullPolicy));
    }

    @Test
    void theAnnotationsPolicyIsKeptAndTheDefaultLeftToKubernetes() {
        assertThat(policies(PlanReader.readClass(PoliciesCase.class, NO_SETTINGS))).isEqualTo(Map.of(
                "mine", "", "always", "Always", "never", "Never", "present", "IfNotPresent", "upstream", ""));
    }

    @Test
    void loadedImagesAreNotPulledUnlessTheAnnotationSaysSo() {
        ResourcePlan plan = PlanReader.readClass(PoliciesCase.class, NO_SETTINGS)
                .forLoadedImages(Set.of("docker.io/team/app:latest", "docker.io/team/app:dev"));

        assertThat(policies(plan)).isEqualTo(Map.of(
                "mine", "IfNotPresent", "always", "Always", "never", "Never", "present", "IfNotPresent", "upstream", ""));
    }

    @Test
    void noLoadedImagesLeaveThePlanAlone() {
        ResourcePlan plan = PlanReader.readClass(PoliciesCase.class, NO_SETTINGS);

        assertThat(plan.forLoadedImages(Set.of())).isSameAs(plan);
    }

    @Test
    void everyPolicyHasItsKubernetesValue() {
        assertThat(List.of(PullPolicy.values())).extracting(PullPolicy::kubernetesValue)
                .containsExactly("", "Always", "IfNotPresent", "Never");
    }

    @Test
    void referencesAreComparedAsRuntimesStoreThem() {
        assertThat(ImageReferences.normalize("nginx")).isEqualTo("docker.io/library/nginx:latest");
        assertThat(ImageReferences.normalize("nginx:1.27")).isEqualTo("docker.io/library/nginx:1.27");
        assertThat(ImageReferences.normalize("team/app:dev")).isEqualTo("docker.io/team/app:dev");
        assertThat(ImageReferences.normalize("docker.io/team/app")).isEqualTo("docker.io/team/app:latest");
        assertThat(ImageReferences.normalize("127.0.0.1:5000/k8snet/debian-jre:17")).isEqualTo("127.0.0.1:5000/k8snet/debian-jre:17");
        assertThat(ImageReferences.normalize("localhost/app")).isEqualTo("localhost/app:latest");
        assertThat(ImageReferences.normalize("registry.example/app@sha256:" + "a".repeat(64)))
                .isEqualTo("registry.example/app@sha256:" + "a".repeat(64));
        assertThat(ImageReferences.normalize("registry.example:5000/app")).isEqualTo("registry.example:5000/app:latest");
    }
}
