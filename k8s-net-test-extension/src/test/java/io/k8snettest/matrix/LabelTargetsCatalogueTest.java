package io.k8snettest.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ProbeProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Label targets become one column per matching pod when the matrix runs; none matching is a clear failure. */
@EnableKubernetesMockClient(crud = true)
class LabelTargetsCatalogueTest {

    KubernetesClient client;

    private static MatrixPlan plan(io.k8snettest.api.ReachabilityMatrix.Builder builder) {
        return ((MatrixBuilder) builder).plan();
    }

    private static MatrixBuilder builder() {
        return new MatrixBuilder(Duration.ofSeconds(3), p -> null);
    }

    @Test
    void eachMatchingPodIsAColumnWithTheSelectorsExpectation() {
        MatrixPlan declared = plan(builder().source(ClientSpec.named("trusted").build()).source(ClientSpec.named("stranger").build())
                .service("api", 80, ProbeProtocol.TCP)
                .podsLabelled("app=web", 80, ProbeProtocol.TCP)
                .podsLabelled("other", "app=db", 5432, ProbeProtocol.TCP)
                .allow("trusted", "app=web")
                .allowAllTo("other/app=db"));
        Map<String, List<String>> pods = Map.of("ns1/app=web", List.of("web-1", "web-2"), "ns1-other/app=db", List.of("db-0"));

        MatrixPlan plan = LabelTargets.expand(declared, (ns, selector) -> pods.get(ns + "/" + selector), "ns1");

        assertThat(plan.targetNames()).containsExactly("api", "app=web[web-1]", "app=web[web-2]", "other/app=db[db-0]");
        assertThat(plan.expected()).isDeepEqualTo(new boolean[][] {{false, true, true, true}, {false, false, false, true}});
        assertThat(plan.targets().get(2)).isEqualTo(new MatrixPlan.Target(MatrixPlan.Kind.POD, null, "web-2", null, 80,
                ProbeProtocol.TCP));
        assertThat(plan.targets().get(3).namespace()).isEqualTo("other");
        assertThat(plan.window()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void onePortOfSeveralIsNamedWithItsPort() {
        MatrixPlan declared = plan(builder().source(ClientSpec.named("a").build())
                .podsLabelled("app=web", 80, ProbeProtocol.TCP).podsLabelled("app=web", 81, ProbeProtocol.TCP)
                .allow("a", "app=web:81"));

        MatrixPlan plan = LabelTargets.expand(declared, (ns, selector) -> List.of("web-1"), "ns1");

        assertThat(plan.targetNames()).containsExactly("app=web:80[web-1]", "app=web:81[web-1]");
        assertThat(plan.expected()).isDeepEqualTo(new boolean[][] {{false, true}});
    }

    @Test
    void matchingListsRunningPodsOfTheSelectorSorted() {
        pod("web-b", Map.of("app", "web", "tier", "front"), "Running");
        pod("web-a", Map.of("app", "web", "tier", "front"), "Pending");
        pod("web-done", Map.of("app", "web", "tier", "front"), "Succeeded");
        pod("web-back", Map.of("app", "web", "tier", "back"), "Running");

        assertThat(LabelTargets.matching(client, "ns1", "app=web, tier=front")).containsExactly("web-a", "web-b");
    }

    @Test
    @DisplayName("bad input: a label target no pod matches fails at once, naming the selector, the namespace and the pods there")
    void noMatchingPodFailsNamingTheSelectorAndTheNamespace() {
        pod("web-1", Map.of("app", "web"), "Running");
        long start = System.nanoTime();

        assertThatThrownBy(() -> LabelTargets.matching(client, "ns1", "app=wbe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("matrix podsLabelled(\"app=wbe\", ...): no running pod in namespace ns1 matches the"
                        + " label selector \"app=wbe\"; pods there: [web-1 {app=web}]; fix the selector or the namespace");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("bad input: a label target's selector that is empty, not equality or invalid is refused when declared")
    void badSelectorsAreRefusedWhenDeclared() {
        assertThatThrownBy(() -> builder().podsLabelled(" ", 80, ProbeProtocol.TCP))
                .hasMessage("matrix podsLabelled(\" \", ...): the label selector is empty; give key=value pairs separated by"
                        + " commas, e.g. \"app=web\" or \"app=web,tier=front\"");
        assertThatThrownBy(() -> builder().podsLabelled("app!=web", 80, ProbeProtocol.TCP))
                .hasMessageContaining("term \"app!=web\" of selector \"app!=web\" is not key=value; only equality is supported");
        assertThatThrownBy(() -> builder().podsLabelled("app in (web)", 80, ProbeProtocol.TCP))
                .hasMessageContaining("is not key=value");
        assertThatThrownBy(() -> builder().podsLabelled("app=we b", 80, ProbeProtocol.TCP))
                .hasMessageContaining("is not a valid label; allowed: empty, or");
        assertThatThrownBy(() -> builder().podsLabelled("app=web,app=db", 80, ProbeProtocol.TCP))
                .hasMessageContaining("repeats the key 'app'");
        assertThatThrownBy(() -> builder().podsLabelled("app=web", 0, ProbeProtocol.TCP))
                .hasMessage("matrix podsLabelled(\"app=web\", ...): port=0 is not a port; give the port to probe, 1-65535");
    }

    private void pod(String name, Map<String, String> labels, String phase) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns1").withLabels(labels).endMetadata()
                .withNewStatus().withPhase(phase).endStatus().build();
        client.pods().inNamespace("ns1").resource(pod).create();
    }
}
