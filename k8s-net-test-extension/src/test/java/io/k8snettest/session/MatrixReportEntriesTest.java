package io.k8snettest.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.k8s.FakeControlPlane;
import io.k8snettest.k8s.Services;
import io.k8snettest.policy.PolicyEnforcement;
import io.k8snettest.report.RecordingPublisher;
import io.k8snettest.probe.ProbePods;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Report entries are published per test: each test's {@link NetTest} is a view of the class's
 * session bound to that test's publisher, so a matrix's truth table lands in the test that ran it,
 * also while another test of the class runs. (The mock cluster has no data plane: every exec fails,
 * so the matrix does not match; its table is published before it fails, as on a real cluster.)
 */
@EnableKubernetesMockClient(crud = true)
class MatrixReportEntriesTest {

    private static final RuntimeSettings SETTINGS = new RuntimeSettings("k8snet", "never", Duration.ofHours(1),
            "busybox:1.35.0", Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1));

    KubernetesClient client;

    @Test
    @DisplayName("a matrix's truth table goes to the test whose NetTest ran it, never to another test of the class")
    void entriesGoToTheTestThatRanTheMatrix() throws Exception {
        ScheduledExecutorService kubelet = Executors.newSingleThreadScheduledExecutor();
        try (FakeControlPlane controlPlane = new FakeControlPlane(client)) {
            NamespaceSession session = NamespaceSession.open(client, SETTINGS, "run-1", "com.example.MatrixTest",
                    new PolicyEnforcement(), null);
            String ns = session.namespace();
            client.services().inNamespace(ns).resource(Services.service(ns, "web", "10.96.0.10",
                    Services.port("http", 80, "80", "TCP"))).create();
            kubelet.scheduleWithFixedDelay(() -> readyProbePods(ns), 0, 100, TimeUnit.MILLISECONDS);
            RecordingPublisher running = new RecordingPublisher();
            RecordingPublisher other = new RecordingPublisher();
            NetTest runningTest = session.netTest(running);
            NetTest otherTest = session.netTest(other);
            long start = System.nanoTime();

            assertThatThrownBy(() -> runningTest.matrix().source(ClientSpec.named("a").build())
                    .service("web", 80, ProbeProtocol.TCP).allow("a", "web").assertMatches())
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("reachability matrix does not match: 1 x 1 matrix, ");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(running.entries).containsOnlyKeys("k8snet.matrix");
            assertThat(running.entries.get("k8snet.matrix")).startsWith("1 x 1 matrix, ").contains("web");
            assertThat(running.files).containsOnlyKeys("k8snet-matrix.html");
            assertThat(running.files.get("k8snet-matrix.html")).contains("<td class=\"cell wrong\" data-expected=\"allow\""
                    + " data-observed=\"blocked\"");
            assertThat(other.entries).as("the other test's publisher").isEmpty();
            assertThat(other.files).as("the other test's publisher").isEmpty();
            assertThat(otherTest.namespace()).isEqualTo(ns);
            session.close(false);
        } finally {
            kubelet.shutdownNow();
        }
    }

    /** What a kubelet does for the probe pods the session creates: Running and Ready with an IP. */
    private void readyProbePods(String ns) {
        for (Pod pod : client.pods().inNamespace(ns).withLabel(ProbePods.CLIENT_LABEL).list().getItems()) {
            if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
                pod.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP("10.42.1.1")
                        .addNewCondition().withType("Ready").withStatus("True").endCondition().build());
                client.pods().inNamespace(ns).resource(pod).updateStatus();
            }
        }
    }
}
