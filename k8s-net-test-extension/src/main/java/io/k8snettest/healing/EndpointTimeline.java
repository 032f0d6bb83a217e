package io.k8snettest.healing;

import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.k8s.EndpointSlices;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.k8s.Wakeups;
import io.k8snettest.k8s.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The ready endpoints of one service over time, as the watch of its EndpointSlices reports them: each
 * state with the moment its event arrived, so healing is timed by the events, not by polls. The
 * slices are read once when it opens (then watched); a live read (a poll) counts as a state only when
 * the watch broke (then every evaluation of a wait polls, see {@link Wakeups}) or when two polls in a
 * row, a safety-poll interval apart, found what the watch had not reported (a stalled watch). One per
 * healing; close it to close the watch.
 */
final class EndpointTimeline implements AutoCloseable {

    /** The ready endpoints of every service port, seen at {@code nanos} ({@link System#nanoTime()}). */
    record Observation(long nanos, List<ServiceHandle.Endpoint> endpoints, boolean fromWatch) {
    }

    private final KubernetesClient client;
    private final ServiceTarget target;
    private final List<ServicePort> ports;
    private final Wakeups wakeups;
    private final Map<String, EndpointSlice> slices = new HashMap<>(); // guarded by this
    private final List<Observation> observations = new ArrayList<>(); // guarded by this
    private List<ServiceHandle.Endpoint> unconfirmedPoll; // guarded by this
    private volatile long lastPoll;

    private EndpointTimeline(KubernetesClient client, ServiceTarget target, String what, Duration safetyPoll) {
        this.client = client;
        this.target = target;
        this.ports = ServiceTarget.ports(ServiceTarget.lookup(client, target.namespace(), target.name()));
        this.wakeups = new Wakeups(what, safetyPoll, Waits.POLL_INTERVAL);
    }

    /** Opens the watch of the service's slices, then reads them once (the first state). */
    static EndpointTimeline open(KubernetesClient client, ServiceTarget target, String what, Duration safetyPoll) {
        return open(client, target, what, safetyPoll, w -> client.discovery().v1().endpointSlices()
                .inNamespace(target.namespace()).withLabel(EndpointSlices.SERVICE_NAME_LABEL, target.name()).watch(w));
    }

    /** Like {@link #open(KubernetesClient, ServiceTarget, String, Duration)}, with the watch {@code watch} opens. */
    static EndpointTimeline open(KubernetesClient client, ServiceTarget target, String what, Duration safetyPoll,
                                 Function<Watcher<EndpointSlice>, Watch> watch) {
        EndpointTimeline timeline = new EndpointTimeline(client, target, what, safetyPoll);
        timeline.wakeups.watch(EndpointSlice.class, "endpoint slices of " + target.name(), watch, timeline::event);
        List<EndpointSlice> initial;
        try {
            initial = EndpointSlices.of(client, target.namespace(), target.name());
        } catch (RuntimeException e) {
            timeline.close();
            throw e;
        }
        synchronized (timeline) {
            initial.forEach(s -> timeline.slices.putIfAbsent(s.getMetadata().getName(), s));
            timeline.record(System.nanoTime(), false);
            timeline.lastPoll = System.nanoTime();
        }
        return timeline;
    }

    Wakeups wakeups() {
        return wakeups;
    }

    /** One watch event: the slice's new state, timed now. */
    synchronized void event(Watcher.Action action, EndpointSlice slice) {
        long now = System.nanoTime();
        switch (action) {
            case ADDED, MODIFIED -> slices.put(slice.getMetadata().getName(), slice);
            case DELETED -> slices.remove(slice.getMetadata().getName());
            default -> {
                return; // bookmarks and errors carry no state
            }
        }
        unconfirmedPoll = null;
        record(now, true);
    }

    /**
     * Called on every evaluation of a wait: reads the endpoints live when the watch broke, or when it
     * was quiet for a safety-poll interval; such a read counts as explained in the class comment.
     */
    void pollIfDue() {
        long now = System.nanoTime();
        if (!wakeups.broken() && now - lastPoll < wakeups.safetyPoll().toNanos()) {
            return;
        }
        lastPoll = now;
        List<ServiceHandle.Endpoint> live = EndpointSlices.readyEndpoints(
                EndpointSlices.of(client, target.namespace(), target.name()), ports);
        long seen = System.nanoTime();
        synchronized (this) {
            List<ServiceHandle.Endpoint> watched = latest();
            if (live.equals(watched)) {
                unconfirmedPoll = null;
            } else if (wakeups.broken() || live.equals(unconfirmedPoll)) {
                observations.add(new Observation(seen, live, false));
            } else {
                unconfirmedPoll = live;
            }
        }
    }

    /**
     * Waits (bounded, named, woken by the watch) for a state seen at or after {@code notBefore} that
     * satisfies {@code condition}, and returns the first such state.
     */
    Observation await(String alias, Duration timeout, Predicate<List<ServiceHandle.Endpoint>> condition, long notBefore,
                      Supplier<String> diagnostics) {
        Waits.until(alias, timeout, wakeups, () -> {
            pollIfDue();
            return first(condition, notBefore).isPresent();
        }, () -> "endpoints " + EndpointHealer.byPort(latest()), diagnostics);
        return first(condition, notBefore).orElseThrow();
    }

    private synchronized List<ServiceHandle.Endpoint> latest() {
        return observations.get(observations.size() - 1).endpoints();
    }

    /** The first state seen at or after {@code notBefore} that satisfies {@code condition}. */
    synchronized Optional<Observation> first(Predicate<List<ServiceHandle.Endpoint>> condition, long notBefore) {
        return observations.stream().filter(o -> o.nanos() >= notBefore && condition.test(o.endpoints()))
                .min(Comparator.comparingLong(Observation::nanos));
    }

    /** Every state seen so far, in order. */
    synchronized List<Observation> observations() {
        return List.copyOf(observations);
    }

    private void record(long now, boolean fromWatch) {
        observations.add(new Observation(now, EndpointSlices.readyEndpoints(List.copyOf(slices.values()), ports), fromWatch));
    }

    @Override
    public void close() {
        wakeups.close();
    }
}
