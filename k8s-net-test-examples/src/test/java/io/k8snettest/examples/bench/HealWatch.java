package io.k8snettest.examples.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Watches of one service's EndpointSlices and of its namespace's pods, independent of the extension's
 * own: with {@link System#nanoTime()} at delivery they record the service's ready endpoint IPs after
 * every slice event and the first moment each pod was seen marked for deletion (or deleted), so the
 * benchmark can time a healing by events alone, from the deleted pod's deletion to the healed endpoints,
 * and compare that with the time to heal the extension reports ({@code heal-report-vs-watch}). Both
 * ends come from events: the extension's clock starts just before its delete call, this one when the
 * pod watch delivered the deletion, so the two differ by the delete call's round trip and the two
 * watches' delivery, not by whatever the extension did before (a first healing creates its probe
 * client, about a second, before it deletes). A ready condition that is absent counts as ready, as the
 * EndpointSlice API defines it.
 */
final class HealWatch implements AutoCloseable {

    /** The ready endpoint IPs of the whole service after an event, and when the event arrived. */
    record Seen(long nanos, Set<String> readyIps) {
    }

    private final Map<String, Set<String>> readyBySlice = new HashMap<>();
    private final List<Seen> seen = new ArrayList<>();
    private final Map<String, Long> deletionSeen = new HashMap<>();
    private final List<Watch> watches = new ArrayList<>();

    /** Records nothing until events are handed to {@link #record} (the watch's, or a test's). */
    HealWatch() {
    }

    /** Starts the watches of {@code service}'s EndpointSlices and of the pods in {@code namespace}. */
    static HealWatch start(KubernetesClient client, String namespace, String service) {
        HealWatch healWatch = new HealWatch();
        healWatch.watches.add(client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", service).watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, EndpointSlice slice) {
                        healWatch.record(action, slice, System.nanoTime());
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                }));
        healWatch.watches.add(client.pods().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                healWatch.record(action, pod, System.nanoTime());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        }));
        return healWatch;
    }

    /** A pod event: the first one that shows the pod marked for deletion, or deleted, is its deletion. */
    synchronized void record(Watcher.Action action, Pod pod, long nanos) {
        if (action == Watcher.Action.DELETED || pod.getMetadata().getDeletionTimestamp() != null) {
            deletionSeen.putIfAbsent(pod.getMetadata().getName(), nanos);
            notifyAll();
        }
    }

    synchronized void record(Watcher.Action action, EndpointSlice slice, long nanos) {
        String name = slice.getMetadata().getName();
        if (action == Watcher.Action.DELETED) {
            readyBySlice.remove(name);
        } else {
            Set<String> ready = new TreeSet<>();
            for (Endpoint e : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                if (e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady())) {
                    ready.addAll(e.getAddresses());
                }
            }
            readyBySlice.put(name, ready);
        }
        Set<String> all = new TreeSet<>();
        readyBySlice.values().forEach(all::addAll);
        seen.add(new Seen(nanos, all));
        notifyAll();
    }

    /**
     * Milliseconds from the first deletion seen of one of {@code deletedPods} until the slice watch first
     * saw {@code replicas} ready endpoints none of which is in {@code left}; waits up to {@code bound} for
     * those events to arrive.
     */
    synchronized long healedAfterDeletion(List<String> deletedPods, Set<String> left, int replicas, Duration bound)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        long origin = await(() -> deletedPods.stream().filter(deletionSeen::containsKey).map(deletionSeen::get)
                .min(Long::compare), deadline, () -> "within " + bound + " the independent pod watch did not see any of "
                + deletedPods + " deleted; it saw the deletion of " + deletionSeen.keySet());
        return healedBy(origin, left, replicas, deadline, bound);
    }

    /**
     * Milliseconds from {@code originNanos} until the slice watch first saw {@code replicas} ready
     * endpoints none of which is in {@code left}; waits up to {@code bound} for that event to arrive.
     */
    synchronized long healedAfter(long originNanos, Set<String> left, int replicas, Duration bound) throws InterruptedException {
        return healedBy(originNanos, left, replicas, System.nanoTime() + bound.toNanos(), bound);
    }

    private long healedBy(long originNanos, Set<String> left, int replicas, long deadline, Duration bound)
            throws InterruptedException {
        return await(() -> seen.stream().filter(s -> s.nanos() >= originNanos && s.readyIps().size() == replicas
                        && s.readyIps().stream().noneMatch(left::contains)).findFirst()
                        .map(s -> (s.nanos() - originNanos) / 1_000_000),
                deadline, () -> "within " + bound + " the independent EndpointSlice watch did not see " + replicas
                        + " ready endpoints without " + left + "; it saw " + seen);
    }

    /** Waits, holding the lock and woken by each event, until {@code found} has a value; fails after {@code deadline}. */
    private <T> T await(Supplier<Optional<T>> found, long deadline, Supplier<String> failure) throws InterruptedException {
        while (true) {
            Optional<T> value = found.get();
            if (value.isPresent()) {
                return value.get();
            }
            long waitMs = (deadline - System.nanoTime()) / 1_000_000;
            if (waitMs <= 0) {
                throw new AssertionError(failure.get());
            }
            wait(waitMs);
        }
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }
}
