package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.config.RuntimeSettings;
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

/** A live run's namespaces are renewed and never collected by another run, whatever its stale age. */
@EnableKubernetesMockClient(crud = true)
class HeartbeatMockServerTest {

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
            create("stopped-run", "run-stopped", future.instant().minus(Duration.ofMinutes(5)));
            create("not-ours-old", null, future.instant().minus(Duration.ofDays(9)));

            List<String> removed = DefaultNamespaceSession.removeStaleNamespaces(client, SMALLEST_STALE_AGE, "run-collector",
                    future.instant());

            assertThat(Instant.parse(client.namespaces().withName(live.namespace()).get().getMetadata().getCreationTimestamp()))
                    .as("old enough to be collected by its creation age alone").isBefore(future.instant().minus(Duration.ofDays(1)));
            assertThat(removed).containsExactly("stopped-run");
            assertThat(client.namespaces().withName(live.namespace()).get()).isNotNull();
            assertThat(client.namespaces().withName("not-ours-old").get()).isNotNull();
            live.close(false);
        }
    }

    private void create(String name, String runId, Instant heartbeat) {
        Map<String, String> labels = runId == null ? Map.of("team", "a") : NamespaceLabels.labels(runId, Map.of());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .withAnnotations(Map.of(NamespaceLabels.HEARTBEAT, heartbeat.toString())).endMetadata().build()).create();
    }

    private String heartbeatOf(String namespace) {
        return client.namespaces().withName(namespace).get().getMetadata().getAnnotations().get(NamespaceLabels.HEARTBEAT);
    }
}
