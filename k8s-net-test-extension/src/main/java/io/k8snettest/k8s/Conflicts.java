package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Read-change-write updates ({@code edit}) that another writer may race: fabric8's {@code edit} sends
 * the resourceVersion it read, so the API server answers 409 Conflict when the object changed in
 * between (a kubelet's node or pod status, our heartbeat's annotation on a namespace). Such an update
 * is tried again on a fresh read, as client-go's {@code RetryOnConflict} does; any other error, and a
 * conflict that persists for {@value #ATTEMPTS} attempts, is thrown as it came.
 */
@API(status = INTERNAL, since = "0.1")
public final class Conflicts {

    /** Attempts in all (client-go's default retry makes 5). */
    static final int ATTEMPTS = 5;

    private Conflicts() {
    }

    /** Runs {@code update} (which reads the object again each time, as {@code edit} does), again after a 409 Conflict. */
    public static <T> T retry(Supplier<T> update) {
        for (int attempt = 1; ; attempt++) {
            try {
                return update.get();
            } catch (KubernetesClientException e) {
                if (attempt >= ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    /** A 409 whose reason is Conflict (a stale resourceVersion), not AlreadyExists. */
    static boolean isConflict(KubernetesClientException e) {
        return e.getCode() == 409 && (e.getStatus() == null || e.getStatus().getReason() == null
                || "Conflict".equals(e.getStatus().getReason()));
    }
}
