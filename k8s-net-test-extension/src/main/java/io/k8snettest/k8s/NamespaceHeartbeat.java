package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * Proof that a run is alive: while it runs, a daemon thread renews the annotation
 * {@value NamespaceLabels#HEARTBEAT} (the current time) on the namespaces it registered, every
 * {@link #RENEW_INTERVAL}. Stale-namespace collection of other runs keeps every namespace of a run
 * whose heartbeat is fresh (see {@link NamespaceLabels#stale}). One per cluster, owned by the JUnit
 * run's cluster resource and stopped when it closes.
 */
@API(status = INTERNAL, since = "0.1")
public final class NamespaceHeartbeat implements AutoCloseable {

    /** How often a live run renews its heartbeat. */
    public static final Duration RENEW_INTERVAL = Duration.ofSeconds(15);

    private static final System.Logger LOG = System.getLogger(NamespaceHeartbeat.class.getName());

    private final KubernetesClient client;
    private final Duration interval;
    private final Clock clock;
    private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;
    private boolean closed;

    public NamespaceHeartbeat(KubernetesClient client) {
        this(client, RENEW_INTERVAL, Clock.systemUTC());
    }

    /** For tests: another interval and clock. */
    public NamespaceHeartbeat(KubernetesClient client, Duration interval, Clock clock) {
        this.client = client;
        this.interval = interval;
        this.clock = clock;
    }

    /** The current heartbeat value, as written at creation and on each renewal. */
    String now() {
        return clock.instant().toString();
    }

    /** Renews {@code namespace} from now on (the renewal thread starts with the first registration). */
    public synchronized void register(String namespace) {
        if (closed) {
            return;
        }
        namespaces.add(namespace);
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "k8s-net-test-heartbeat");
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::renewAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops renewing {@code namespace} (before it is deleted or kept). */
    public void unregister(String namespace) {
        namespaces.remove(namespace);
    }

    /** Renews every registered namespace now; a failure is logged and retried at the next renewal. */
    void renewAll() {
        String patch = "{\"metadata\":{\"annotations\":{\"" + NamespaceLabels.HEARTBEAT + "\":\"" + now() + "\"}}}";
        for (String ns : namespaces) {
            try {
                client.namespaces().withName(ns).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    namespaces.remove(ns); // deleted under us: nothing left to prove alive
                } else {
                    LOG.log(System.Logger.Level.WARNING, "k8s-net-test: could not renew the heartbeat of namespace " + ns, e);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "k8s-net-test: could not renew the heartbeat of namespace " + ns, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        namespaces.clear();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
