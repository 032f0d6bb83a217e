package io.k8snettest.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.k8s.NamespaceHeartbeat;
import io.k8snettest.k8s.FakeControlPlane;
import io.k8snettest.k8s.NamespaceLabels;
import io.k8snettest.cluster.ClusterException;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.plan.DeploymentSpec;
import io.k8snettest.plan.ResourcePlan;
import io.k8snettest.plan.ServiceSpec;
import io.k8snettest.policy.PolicyEnforcement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NamespaceSessionMockServerTest {

    static final RuntimeSettings SETTINGS = new RuntimeSettings("k8snet", "never", Duration.ofHours(1), "busybox:1.35.0",
            Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2));
    private static final String TEST_CLASS = "com.example.ConnectingApplicationsTest";
    private static final RuntimeSettings SMALLEST_STALE_AGE = new RuntimeSettings("k8snet", "never",
            RuntimeSettings.MIN_STALE_NAMESPACE_AGE, "busybox:1.35.0", Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(2));

    KubernetesClient client;
    private FakeControlPlane controlPlane;

    @BeforeEach
    void startControlPlane() {
        controlPlane = new FakeControlPlane(client);
    }

    @AfterEach
    void stopControlPlane() throws InterruptedException {
        controlPlane.close();
    }

    @Test
    void opensALabelledNamespaceAndDeletesItWaitingUntilGone() {
        NamespaceSession session = NamespaceSession.open(client, SETTINGS, "run-1", TEST_CLASS, new PolicyEnforcement(), null);
        String name = session.namespace();

        Namespace ns = client.namespaces().withName(name).get();
        assertThat(name).matches("k8snet-connectingapplicationstest-[a-z0-9]{5}");
        assertThat(ns.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "k8s-net-test")
                .containsEntry("k8s-net-test.io/run-id", "run-1");
        assertThat(ns.getMetadata().getAnnotations()).containsEntry("k8s-net-test.io/test-class", TEST_CLASS);

        session.close(false);
        session.close(false);

        assertThat(client.namespaces().withName(name).get()).isNull();
    }

    @Test
    void keepLeavesTheNamespace() {
        NamespaceSession session = NamespaceSession.open(client, SETTINGS, "run-1", TEST_CLASS, new PolicyEnforcement(), null);

        session.close(true);

        assertThat(client.namespaces().withName(session.namespace()).get()).isNotNull();
    }

    @Test
    void createsDeploymentAndServiceFromThePlanAndWaitsForReadyEndpoints() {
        NamespaceSession session = NamespaceSession.open(client, SETTINGS, "run-1", TEST_CLASS, new PolicyEnforcement(), null);
        String ns = session.namespace();
        Map<String, String> labels = Map.of("run", "my-nginx");
        ResourcePlan plan = new ResourcePlan(List.of(),
                List.of(new DeploymentSpec("my-nginx", "nginx:1.27", 2, List.of(80), labels, List.of(), List.of(),
                        Map.of("A", "b"), "@WithDeployment(name=\"my-nginx\") on ConnectingApplicationsTest")),
                List.of(new ServiceSpec("my-nginx", "my-nginx", labels, 2, 80, 80, "TCP", "ClusterIP",
                        "@ExposeService(deployment=\"my-nginx\") on ConnectingApplicationsTest")),
                List.of());

        try (var applied = session.apply(plan)) {
            Deployment d = client.apps().deployments().inNamespace(ns).withName("my-nginx").get();
            var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(d.getSpec().getReplicas()).isEqualTo(2);
            assertThat(d.getSpec().getSelector().getMatchLabels()).isEqualTo(labels);
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(labels);
            assertThat(container.getName()).isEqualTo("my-nginx");
            assertThat(container.getImage()).isEqualTo("nginx:1.27");
            assertThat(container.getImagePullPolicy()).isNull();
            assertThat(container.getCommand()).isEmpty();
            assertThat(container.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(80);
            assertThat(container.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).containsExactly("A=b");

            var svc = client.services().inNamespace(ns).withName("my-nginx").get();
            assertThat(svc.getSpec().getType()).isEqualTo("ClusterIP");
            assertThat(svc.getSpec().getSelector()).isEqualTo(labels);
            assertThat(svc.getSpec().getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getPort()).isEqualTo(80);
                assertThat(p.getTargetPort()).isEqualTo(new IntOrString(80));
                assertThat(p.getProtocol()).isEqualTo("TCP");
            });
            assertThat(session.netTest(io.k8snettest.report.Publisher.NONE).service("my-nginx").endpointIps())
                    .containsExactlyInAnyOrderElementsOf(session.netTest(io.k8snettest.report.Publisher.NONE).deployment("my-nginx").readyPodIps()).hasSize(2);
        }

        assertThat(client.apps().deployments().inNamespace(ns).withName("my-nginx").get()).isNull();
        assertThat(client.services().inNamespace(ns).withName("my-nginx").get()).isNull();
        session.close(false);
    }

    @Test
    void failsFastWithTheClustersReasonWhenTheImageCannotBePulled() {
        NamespaceSession session = NamespaceSession.open(client, SETTINGS, "run-1", TEST_CLASS, new PolicyEnforcement(), null);
        ResourcePlan plan = new ResourcePlan(List.of(), List.of(new DeploymentSpec("broken", FakeControlPlane.UNPULLABLE, 1,
                List.of(80), Map.of("app", "broken"), List.of(), List.of(), Map.of(), "@WithDeployment(name=\"broken\") on X")),
                List.of(), List.of());
        long start = System.nanoTime();

        assertThatThrownBy(() -> session.apply(plan)).isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("@WithDeployment(name=\"broken\") on X: pod broken-")
                .hasMessageContaining("cannot become Ready: ErrImagePull (failed to resolve reference")
                .hasMessageContaining("hint: the nodes could not pull it: check the image name/tag")
                .hasMessageContaining("load it with @LoadImage or k8snet.images")
                .hasMessageContaining("--- diagnostics ---");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SETTINGS.readyTimeout());
        assertThat(client.apps().deployments().inNamespace(session.namespace()).withName("broken").get())
                .as("what apply created is deleted when it fails").isNull();
        session.close(false);
    }

    @Test
    void unknownServiceNamesWhatExists() {
        NamespaceSession session = NamespaceSession.open(client, SETTINGS, "run-1", TEST_CLASS, new PolicyEnforcement(), null);

        assertThatThrownBy(() -> session.netTest(io.k8snettest.report.Publisher.NONE).service("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no service 'nope' in namespace " + session.namespace() + "; services there: []");
        session.close(false);
    }

    @Test
    void staleCleanUpDeletesOnlyOurNamespacesOfOtherRunsOlderThanTheAge() {
        create("ours-old-other-run", NamespaceLabels.labels("run-0", Map.of()));
        create("ours-this-run", NamespaceLabels.labels("run-1", Map.of()));
        create("not-ours", Map.of("team", "a"));

        // Two hours from now every namespace made here is silent for longer than the stale age of 1h.
        List<String> removed = NamespaceSession.removeStaleNamespaces(client, SETTINGS, "run-1",
                java.time.Instant.now().plus(Duration.ofHours(2)));

        assertThat(removed).containsExactly("ours-old-other-run");
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .contains("ours-this-run", "not-ours").doesNotContain("ours-old-other-run");
        assertThat(NamespaceSession.removeStaleNamespaces(client, SETTINGS, "run-1")).isEmpty();
    }

    private void create(String name, Map<String, String> labels) {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(labels).withCreationTimestamp(java.time.Instant.now().minusSeconds(5).toString()).endMetadata().build()).create();
    }

    // --- heartbeat: a live run's namespaces are renewed and never collected by another run -----

    @Test
    void theRunningSessionRenewsItsHeartbeatUntilClosed() {
        try (NamespaceHeartbeat heartbeat = new NamespaceHeartbeat(client, Duration.ofMillis(100), Clock.systemUTC())) {
            NamespaceSession session = NamespaceSession.open(client, SMALLEST_STALE_AGE, "run-1", "com.example.LiveTest",
                    new PolicyEnforcement(), heartbeat);
            String first = heartbeatOf(session.namespace());

            Awaitility.await("heartbeat renewed").atMost(Duration.ofSeconds(5))
                    .until(() -> !heartbeatOf(session.namespace()).equals(first));

            session.close(false);
            assertThat(client.namespaces().withName(session.namespace()).get()).isNull();
        }
    }

    @Test
    void aLiveRunOfAnotherJvmIsKeptEvenWithTheSmallestStaleAge() {
        // The mock server stamps creation with the real time; the live run and the collector both live two days later,
        // so the live namespace is old enough to be collected by its creation age alone.
        Duration later = Duration.ofDays(2);
        Clock future = Clock.offset(Clock.systemUTC(), later);
        try (NamespaceHeartbeat heartbeat = new NamespaceHeartbeat(client, Duration.ofMillis(100), future)) {
            NamespaceSession live = NamespaceSession.open(client, SMALLEST_STALE_AGE, "run-live", "com.example.LiveTest",
                    new PolicyEnforcement(), heartbeat);
            Awaitility.await("a renewal from the future").atMost(Duration.ofSeconds(5))
                    .until(() -> Instant.parse(heartbeatOf(live.namespace())).isAfter(Instant.now().plus(Duration.ofDays(1))));
            createWithHeartbeat("stopped-run", "run-stopped", future.instant().minus(Duration.ofMinutes(5)));
            createWithHeartbeat("not-ours-old", null, future.instant().minus(Duration.ofDays(9)));

            List<String> removed = NamespaceSession.removeStaleNamespaces(client, SMALLEST_STALE_AGE, "run-collector",
                    future.instant());

            assertThat(Instant.parse(client.namespaces().withName(live.namespace()).get().getMetadata().getCreationTimestamp()))
                    .as("old enough to be collected by its creation age alone").isBefore(future.instant().minus(Duration.ofDays(1)));
            assertThat(removed).containsExactly("stopped-run");
            assertThat(client.namespaces().withName(live.namespace()).get()).isNotNull();
            assertThat(client.namespaces().withName("not-ours-old").get()).isNotNull();
            live.close(false);
        }
    }

    private void createWithHeartbeat(String name, String runId, Instant heartbeat) {
        Map<String, String> labels = runId == null ? Map.of("team", "a") : NamespaceLabels.labels(runId, Map.of());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .withAnnotations(Map.of(NamespaceLabels.HEARTBEAT, heartbeat.toString())).endMetadata().build()).create();
    }

    private String heartbeatOf(String namespace) {
        return client.namespaces().withName(namespace).get().getMetadata().getAnnotations().get(NamespaceLabels.HEARTBEAT);
    }
}
