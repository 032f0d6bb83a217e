package io.k8snettest.examples.bench;

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
import java.util.Set;
import java.util.TreeSet;

/**
 * An EndpointSlice watch of one service, independent of the extension's own: it records, with
 * {@link System#nanoTime()} at delivery, the service's ready endpoint IPs after every event, so the
 * benchmark can compare the time to heal the extension reports with the moment this watch saw the
 * healed endpoints ({@code heal-report-vs-watch}). A ready condition that is absent counts as ready,
 * as the EndpointSlice API defines it.
 */
final class HealWatch implements AutoCloseable {

    /** The ready endpoint IPs of the whole service after an event, and when the event arrived. */
    record Seen(long nanos, Set<String> readyIps) {
    }

    private final Map<String, Set<String>> readyBySlice = new HashMap<>();
    private final List<Seen> seen = new ArrayList<>();
    private Watch watch;

    /** Records nothing until events are handed to {@link #record} (the watch's, or a test's). */
    HealWatch() {
    }

    /** Starts the watch of {@code service}'s EndpointSlices. */
    static HealWatch start(KubernetesClient client, String namespace, String service) {
        HealWatch healWatch = new HealWatch();
        healWatch.watch = client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", service).watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, EndpointSlice slice) {
                        healWatch.record(action, slice, System.nanoTime());
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
        return healWatch;
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
     * Milliseconds from {@code originNanos} until this watch first saw {@code replicas} ready endpoints
     * none of which is in {@code left}, after having seen one of {@code left} leave; waits up to
     * {@code bound} for that event to arrive.
     */
    synchronized long healedAfter(long originNanos, Set<String> left, int replicas, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            for (Seen s : seen) {
                if (s.nanos() >= originNanos && s.readyIps().size() == replicas
                        && s.readyIps().stream().noneMatch(left::contains)) {
                    return (s.nanos() - originNanos) / 1_000_000;
                }
            }
            long waitMs = (deadline - System.nanoTime()) / 1_000_000;
            if (waitMs <= 0) {
                throw new AssertionError("within " + bound + " the independent EndpointSlice watch did not see " + replicas
                        + " ready endpoints without " + left + "; it saw " + seen);
            }
            wait(waitMs);
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
