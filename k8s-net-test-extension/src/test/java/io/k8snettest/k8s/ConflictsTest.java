package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Conflicts#retry}: a soak run once failed cordoning a node with 409 Conflict ("the object has been
 * modified"), because the kubelet had updated the node's status between fabric8's read and its patch.
 */
class ConflictsTest {

    private static KubernetesClientException status(int code, String reason) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withReason(reason)
                .withMessage("Operation cannot be fulfilled on nodes \"k8snet-node2\": the object has been modified").build());
    }

    @Test
    void aConflictIsTriedAgainOnAFreshReadUntilItGoesThrough() {
        AtomicInteger calls = new AtomicInteger();

        String result = Conflicts.retry(() -> {
            if (calls.incrementAndGet() < 3) {
                throw status(409, "Conflict");
            }
            return "patched";
        });

        assertThat(result).isEqualTo("patched");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aConflictThatPersistsIsThrownAfterFiveAttempts() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> Conflicts.retry(() -> {
            calls.incrementAndGet();
            throw status(409, "Conflict");
        })).isInstanceOf(KubernetesClientException.class).hasMessageContaining("the object has been modified");
        assertThat(calls).hasValue(Conflicts.ATTEMPTS);
    }

    @Test
    void otherErrorsAndAlreadyExistsAreThrownAtOnce() {
        for (KubernetesClientException e : new KubernetesClientException[] {status(409, "AlreadyExists"), status(403, "Forbidden"),
                status(404, "NotFound")}) {
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> Conflicts.retry(() -> {
                calls.incrementAndGet();
                throw e;
            })).isSameAs(e);
            assertThat(calls).as(e.getStatus().getReason()).hasValue(1);
        }
    }
}
