package io.k8snettest.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.k8s.Waits;
import io.k8snettest.cluster.ClusterException;
import io.k8snettest.policy.PolicyEnforcement;
import io.k8snettest.config.RuntimeSettings;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** No control plane here: a fresh namespace never becomes Active, so opening a session fails; nothing may stay behind. */
@EnableKubernetesMockClient(crud = true)
@org.junit.jupiter.api.extension.ExtendWith(io.k8snettest.k8s.WatchesOn.Off.class) // the mock server can stall on a closed watch
class NamespaceLeakTest {


    KubernetesClient client;


    @Test
    @DisplayName("bad input: a namespace that never becomes ready within a tiny k8snet.timeout.ready is deleted again")
    void aNamespaceThatNeverBecomesReadyIsDeletedAgain() {
        for (Duration tiny : new Duration[] {Duration.ofMillis(1), Duration.ofMillis(300)}) {
            RuntimeSettings settings = new RuntimeSettings("k8snet", "never", Duration.ofHours(1), "busybox:1.35.0", tiny,
                    Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2));
            long start = System.nanoTime();

            assertThatThrownBy(() -> NamespaceSession.open(client, settings, "run-1", "com.example.LeakTest", new PolicyEnforcement(), null))
                    .isInstanceOf(ClusterException.class)
                    .hasMessageMatching("(?s)'namespace k8snet-leaktest-[a-z0-9]{5} Active with ServiceAccount default' did not"
                            + " happen within " + io.k8snettest.config.Durations.format(tiny) + "; last state: phase .*")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("poll delay"));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(client.namespaces().list().getItems()).as("namespaces left behind after " + tiny).isEmpty();
        }
    }

    @Test
    @DisplayName("bad input: a zero bound for a wait names the wait instead of Awaitility's poll-delay message")
    void zeroBoundNamesTheWait() {
        assertThatThrownBy(() -> Waits.until("something", Duration.ZERO, () -> false, () -> "", () -> ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'something': the bound must be positive, not PT0S");
        assertThatThrownBy(() -> Waits.until("something", Duration.ofMillis(1), Duration.ofSeconds(1), () -> false, () -> "s",
                () -> "")).isInstanceOf(ClusterException.class).hasMessageStartingWith("'something' did not happen within 1ms;");
    }
}
