package io.k8snettest.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.k8s.Wakeups;
import io.k8snettest.k8s.Waits;
import io.k8snettest.cluster.ClusterException;
import io.k8snettest.policy.PolicyEnforcement;
import io.k8snettest.config.RuntimeSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** No control plane here: a fresh namespace never becomes Active, so opening a session fails; nothing may stay behind. */
@EnableKubernetesMockClient(crud = true)
class NamespaceLeakTest {

    private String previousWatches;

    KubernetesClient client;

    @BeforeEach
    void pollOnly() {
        // The mock server can stall for up to a minute on a watch the client closes (Wakeups.WATCHES_PROPERTY): seen
        // here once, 30 s instead of < 5 s, on a loaded machine. This test is about leaks; watches have their own tests.
        previousWatches = System.setProperty(Wakeups.WATCHES_PROPERTY, "false");
    }

    @AfterEach
    void restore() {
        if (previousWatches == null) {
            System.clearProperty(Wakeups.WATCHES_PROPERTY);
        } else {
            System.setProperty(Wakeups.WATCHES_PROPERTY, previousWatches);
        }
    }

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
