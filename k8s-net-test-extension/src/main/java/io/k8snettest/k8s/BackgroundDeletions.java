package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * Namespace deletions that overlap the rest of the run ({@code k8snet.namespace.delete=background}).
 * A finished test class asks the API server to delete its namespaces at once (a failed request
 * fails that class, as a waited deletion would) and goes on; whether each namespace is really gone
 * is awaited here, on daemon threads, with the same bound and diagnostics as a waited deletion.
 * {@link #awaitAll} is called when the run ends: it waits for every deletion still pending and
 * throws, naming each namespace and its test class, if one was not gone in time.
 *
 * <p>The namespace controller starts on a deleted namespace only after a fixed grace period of 5 s
 * ({@code namespaceDeletionGracePeriod} in kube-controller-manager), so a waited deletion costs every
 * class at least that; in the background it costs the run about that once.
 */
@API(status = INTERNAL, since = "0.1")
public final class BackgroundDeletions {

    /** At most this many namespaces are awaited at once (each wait holds one watch). */
    static final int WAITERS = 4;

    private final ExecutorService waiters;
    private final List<Pending> pending = new ArrayList<>();

    private record Pending(String namespace, String owner, long requestedNanos, Future<Long> goneNanos) {
    }

    /** What {@link #awaitAll} found: how many namespaces, the slowest (request to gone), and the run's own wait. */
    public record Summary(int namespaces, Duration slowest, Duration waited) {

        /** One line for the log, e.g. "12 namespaces deleted in the background, all gone (slowest 5.4 s; the run waited 2.1 s at its end)". */
        public String describe() {
            return namespaces + (namespaces == 1 ? " namespace" : " namespaces") + " deleted in the background, all gone (slowest "
                    + seconds(slowest) + " s after its deletion was requested; the run waited " + seconds(waited) + " s at its end)";
        }

        private static String seconds(Duration d) {
            return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
        }
    }

    public BackgroundDeletions() {
        AtomicInteger count = new AtomicInteger();
        this.waiters = Executors.newFixedThreadPool(WAITERS, task -> {
            Thread t = new Thread(task, "k8s-net-test namespace deletion " + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Requests the deletion of each namespace now (every request is tried; failed requests are thrown
     * afterwards, see {@link Cleanup}) and awaits the requested ones in the background.
     *
     * @param owner what the namespaces belonged to, for messages (e.g. the test class)
     */
    public void delete(Namespaces namespaces, List<String> names, String owner) {
        List<RuntimeException> errors = new ArrayList<>();
        for (String name : names) {
            try {
                namespaces.requestDeletion(name);
            } catch (RuntimeException e) {
                errors.add(e);
                continue;
            }
            long requested = System.nanoTime();
            Future<Long> gone = waiters.submit(() -> {
                namespaces.awaitGone(name);
                return System.nanoTime();
            });
            synchronized (pending) {
                pending.add(new Pending(name, owner, requested, gone));
            }
        }
        Cleanup.throwIfAny(errors);
    }

    /**
     * Waits until every namespace handed over is gone (each bounded by its delete timeout) and stops
     * the waiting threads. Throws one {@link IllegalStateException} naming every namespace that was
     * not gone, with each wait's own error (phase, diagnostics) as a suppressed exception.
     */
    public Summary awaitAll() {
        long start = System.nanoTime();
        List<Pending> all;
        synchronized (pending) {
            all = List.copyOf(pending);
        }
        waiters.shutdown();
        long slowest = 0;
        List<String> notGone = new ArrayList<>();
        List<Throwable> causes = new ArrayList<>();
        for (Pending p : all) {
            try {
                slowest = Math.max(slowest, p.goneNanos().get() - p.requestedNanos());
            } catch (ExecutionException e) {
                notGone.add(p.namespace() + " (" + p.owner() + ")");
                causes.add(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                waiters.shutdownNow();
                throw new IllegalStateException("k8s-net-test: interrupted while waiting for namespaces deleted in the"
                        + " background to be gone; some may still be terminating", e);
            }
        }
        if (!notGone.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("k8s-net-test: " + notGone.size() + " of " + all.size()
                    + " namespaces deleted in the background (k8snet.namespace.delete=background) were not gone in time: "
                    + String.join(", ", notGone) + ". Each wait's error follows (phase, what is left in the namespace). If"
                    + " deletion is slow on this cluster, raise k8snet.timeout.delete; with k8snet.namespace.delete=wait"
                    + " each test class waits for its own namespace and fails itself.");
            causes.forEach(failure::addSuppressed);
            throw failure;
        }
        return new Summary(all.size(), Duration.ofNanos(slowest), Duration.ofNanos(System.nanoTime() - start));
    }
}
