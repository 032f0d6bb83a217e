package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Creating namespaces of ours and deleting them, each waited for (woken by a watch of the namespace,
 * see {@link Wakeups}). A namespace is created with a
 * {@value NamespaceLabels#HEARTBEAT} annotation, renewed by the {@link NamespaceHeartbeat} (when
 * given) until it is deleted.
 */
@API(status = INTERNAL, since = "0.1")
public final class Namespaces {

    private final KubernetesClient client;
    private final Duration readyTimeout;
    private final Duration deleteTimeout;
    private final NamespaceHeartbeat heartbeat;
    private final Duration safetyPoll;

    public Namespaces(KubernetesClient client, Duration readyTimeout, Duration deleteTimeout) {
        this(client, readyTimeout, deleteTimeout, null);
    }

    /** @param heartbeat renews the namespaces this creates; null for short-lived ones (their siblings prove the run alive) */
    public Namespaces(KubernetesClient client, Duration readyTimeout, Duration deleteTimeout, NamespaceHeartbeat heartbeat) {
        this(client, readyTimeout, deleteTimeout, heartbeat, Waits.SAFETY_POLL);
    }

    /** @param safetyPoll how long a wait goes without evaluating while its watches are healthy */
    Namespaces(KubernetesClient client, Duration readyTimeout, Duration deleteTimeout, NamespaceHeartbeat heartbeat,
               Duration safetyPoll) {
        this.safetyPoll = safetyPoll;
        this.client = client;
        this.readyTimeout = readyTimeout;
        this.deleteTimeout = deleteTimeout;
        this.heartbeat = heartbeat;
    }

    /**
     * Creates a labelled namespace and waits until it is Active with its {@code default} ServiceAccount.
     * When that fails, the namespace is deleted again (its deletion failure, if any, is suppressed on the error).
     */
    public void create(String name, Map<String, String> labels, Map<String, String> annotations) {
        Map<String, String> withHeartbeat = new LinkedHashMap<>(annotations);
        withHeartbeat.put(NamespaceLabels.HEARTBEAT, Instant.now().toString());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .withAnnotations(withHeartbeat).endMetadata().build()).create();
        String alias = "namespace " + name + " Active with ServiceAccount default";
        try (Wakeups wakeups = new Wakeups(alias, safetyPoll, Waits.POLL_INTERVAL)) {
            watchNamespace(wakeups, name);
            wakeups.watch(ServiceAccount.class, "ServiceAccount default", w -> client.serviceAccounts().inNamespace(name).withName("default").watch(w));
            Waits.until(alias, readyTimeout, wakeups,
                    () -> isActive(name) && client.serviceAccounts().inNamespace(name).withName("default").get() != null,
                    () -> "phase " + phase(name), () -> "");
        } catch (RuntimeException e) {
            try {
                delete(name);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        if (heartbeat != null) {
            heartbeat.register(name);
        }
    }

    /**
     * Replaces the user labels of namespace {@code name} with {@code labels}; the reserved ones
     * ({@link io.k8snettest.plan.TestNamespaceLabels#isReserved}: ours, the API server's name label) stay.
     */
    public void setUserLabels(String name, Map<String, String> labels) {
        Conflicts.retry(() -> client.namespaces().withName(name).edit(ns -> { // the heartbeat patches it too
            Map<String, String> next = new LinkedHashMap<>(labels);
            ns.getMetadata().getLabels().forEach((key, value) -> {
                if (io.k8snettest.plan.TestNamespaceLabels.isReserved(key)) {
                    next.put(key, value);
                }
            });
            ns.getMetadata().setLabels(next);
            return ns;
        }));
    }

    /** Deletes the namespace (if it exists) and waits until the API server no longer has it. */
    public void delete(String name) {
        requestDeletion(name);
        awaitGone(name);
    }

    /** Asks the API server to delete the namespace (if it exists), without waiting; its heartbeat stops. */
    public void requestDeletion(String name) {
        if (heartbeat != null) {
            heartbeat.unregister(name);
        }
        client.namespaces().withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }

    /**
     * Waits (bounded by the delete timeout) until the API server no longer has the namespace; the
     * timeout's error carries the namespace's phase and diagnostics.
     */
    public void awaitGone(String name) {
        String alias = "namespace " + name + " deleted";
        try (Wakeups wakeups = new Wakeups(alias, safetyPoll, Waits.POLL_INTERVAL)) {
            watchNamespace(wakeups, name);
            Waits.until(alias, deleteTimeout, wakeups, () -> isGone(name),
                    () -> "phase " + phase(name), () -> new Diagnostics(client).render(java.util.List.of(name)));
        }
    }

    /**
     * Whether the API server no longer has the namespace; while the API server cannot answer (no
     * response, or a 5xx as while it restarts) that is not known yet, so the wait goes on: a deletion
     * awaited in the background may overlap another class restarting the API server.
     */
    private boolean isGone(String name) {
        try {
            return client.namespaces().withName(name).get() == null;
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() <= 0 || e.getCode() >= 500) { // no HTTP answer at all (connection refused: code -1), or 5xx
                return false;
            }
            throw e;
        }
    }

    private void watchNamespace(Wakeups wakeups, String name) {
        wakeups.watch(Namespace.class, "namespace " + name, w -> client.namespaces().withName(name).watch(w));
    }

    /** Stops renewing the heartbeat of {@code name} without deleting it (a kept namespace). */
    public void release(String name) {
        if (heartbeat != null) {
            heartbeat.unregister(name);
        }
    }

    private boolean isActive(String name) {
        return "Active".equals(phase(name));
    }

    private String phase(String name) {
        Namespace ns = client.namespaces().withName(name).get();
        return ns == null ? "absent" : ns.getStatus() == null ? null : ns.getStatus().getPhase();
    }
}
