package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.k8s.Namespaces;
import io.k8snettest.k8s.ReadinessWaiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A probe pod must never silently become an endpoint of a service under test (issue 10, item 8). */
@EnableKubernetesMockClient(crud = true)
class ProbeClientLabelsCatalogueTest {

    static final RuntimeSettings SETTINGS = new RuntimeSettings("k8snet", "never", Duration.ofHours(1),
            "busybox:1.35.0", Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2));

    KubernetesClient client;

    @Test
    @DisplayName("bad input: a probe client labelled like a service's pods is refused before its pod exists")
    void aClientWhoseLabelsAServiceSelectsIsRefused() {
        client.services().inNamespace("ns").resource(service("web", Map.of("app", "web"))).create();
        ProbeClients clients = clients();
        long start = System.nanoTime();

        assertThatThrownBy(() -> clients.get(ClientSpec.named("impostor").label("app", "web").label("role", "x").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("probe client 'impostor' (labels {")
                .hasMessageContaining("its labels match the selector of service web (selector {app=web}) in namespace ns")
                .hasMessageContaining("would become an endpoint of that service")
                .hasMessageContaining("give the client labels that no service selects (e.g. role=client)");

        assertThat(System.nanoTime() - start).as("refused at once").isLessThan(5_000_000_000L);
        assertThat(client.pods().inNamespace("ns").list().getItems()).as("no pod created").isEmpty();
    }

    @Test
    void onlyASelectorWhoseEveryEntryTheLabelsCarryMatches() {
        List<Service> services = List.of(service("web", new java.util.TreeMap<>(Map.of("app", "web", "tier", "front"))),
                service("headless-no-selector", Map.of()), service("api", Map.of("app", "api")));

        assertThat(ProbePods.servicesSelecting(Map.of("app", "web"), services)).isEmpty();
        assertThat(ProbePods.servicesSelecting(Map.of("app", "web", "tier", "front", "x", "y"), services))
                .containsExactly("service web (selector {app=web, tier=front})");
        assertThat(ProbePods.servicesSelecting(Map.of("role", "client"), services)).isEmpty();
    }

    @Test
    void anExistingPodOfACompanionNamespaceIsAClientWithItsOwnNamespace() {
        String companion = io.k8snettest.plan.NamespaceNames.companion("ns", "other");
        client.pods().inNamespace(companion).resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                .withName("web-0").withNamespace(companion).endMetadata().withNewSpec().addNewContainer().withName("nginx")
                .withImage("nginx").endContainer().endSpec().build()).create();

        DefaultProbeClient web = clients().existing("other/web-0");

        assertThat(web.namespace()).isEqualTo(companion);
        assertThat(web.name()).isEqualTo("web-0");
        assertThat(web.container()).isEqualTo("nginx");
        assertThatThrownBy(() -> clients().existing("other/web-1")).hasMessageStartingWith("no pod 'web-1' in namespace " + companion);
    }

    private ProbeClients clients() {
        return new ProbeClients(new ProbeContext(client, "ns", SETTINGS, () -> "", () -> { }), "run-1",
                new Namespaces(client, Duration.ofSeconds(5), Duration.ofSeconds(5)),
                new ReadinessWaiter(client, Duration.ofSeconds(5), () -> ""));
    }

    private static Service service(String name, Map<String, String> selector) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata()
                .withNewSpec().withSelector(selector).addNewPort().withPort(80).endPort().endSpec().build();
    }
}
