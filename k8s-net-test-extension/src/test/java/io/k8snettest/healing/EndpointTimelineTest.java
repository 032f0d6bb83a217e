package io.k8snettest.healing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.k8s.EndpointSlices;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.k8s.Services;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Healing is timed by the EndpointSlice events (fabric8 mock API server, CRUD mode, real watches):
 * the moments a healing reports are the moments a watch of the slices observed the states, not poll
 * ticks; a watch that cannot be opened, breaks or stalls falls back to polls.
 */
@EnableKubernetesMockClient(crud = true)
@org.junit.jupiter.api.extension.ExtendWith(io.k8snettest.k8s.WatchesOn.class)
class EndpointTimelineTest {

    static final String NS = "heal";
    /** A safety-net poll longer than any of these tests: only events (or a broken watch) end their waits. */
    static final Duration NEVER = Duration.ofSeconds(60);
    /** The waits' bound: generous, for a loaded machine; still far below {@link #NEVER}. */
    static final Duration BOUND = Duration.ofSeconds(20);
    static final Set<String> VICTIM = Set.of("10.0.0.1");
    static final Map<String, Set<String>> BEFORE = Map.of("80", Set.of("10.0.0.1", "10.0.0.2"));

    KubernetesClient client;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private ServiceTarget target;

    @BeforeEach
    void service() {
        client.services().inNamespace(NS).resource(Services.service(NS, "web", "10.96.0.10",
                Services.port("", 80, "8080", "TCP"))).create();
        slice("a=10.0.0.1", "b=10.0.0.2");
        target = ServiceTarget.first(ServiceTarget.lookup(client, NS, "web"));
    }

    @AfterEach
    void stop() {
        later.shutdownNow();
    }

    private void slice(String... podsAndIps) {
        client.discovery().v1().endpointSlices().inNamespace(NS).resource(Services.slice(NS, "web", "web-abc",
                List.of(Services.slicePort("", 8080)), podsAndIps)).createOr(existing -> existing.update());
    }

    /** Like the controllers: the victim's endpoint leaves after {@code leaveMs}, the replacement joins {@code joinMs} later. */
    private void heal(long leaveMs, long joinMs) {
        later.schedule(() -> slice("b=10.0.0.2"), leaveMs, TimeUnit.MILLISECONDS);
        later.schedule(() -> slice("b=10.0.0.2", "c=10.0.0.3"), leaveMs + joinMs, TimeUnit.MILLISECONDS);
    }

    private static Predicate<List<ServiceHandle.Endpoint>> left() {
        return now -> now.stream().noneMatch(e -> VICTIM.contains(e.ip()));
    }

    private static Predicate<List<ServiceHandle.Endpoint>> healed() {
        return now -> EndpointHealer.healed(BEFORE, EndpointHealer.byPort(now), VICTIM);
    }

    @Test
    void theReportedMomentsAreTheMomentsTheEndpointSliceWatchObservedThem() {
        List<long[]> observed = new CopyOnWriteArrayList<>(); // {nanos, ready endpoint count}: a watch of its own
        Watch reference = client.discovery().v1().endpointSlices().inNamespace(NS).withLabel(EndpointSlices.SERVICE_NAME_LABEL, "web")
                .watch(new Watcher<EndpointSlice>() {
                    @Override
                    public void eventReceived(Action action, EndpointSlice slice) {
                        observed.add(new long[] {System.nanoTime(), slice.getEndpoints().size()});
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
        long start = System.nanoTime();
        EndpointTimeline.Observation removed;
        EndpointTimeline.Observation healed;
        long returned;
        try (reference; EndpointTimeline timeline = EndpointTimeline.open(client, target, "web healed", NEVER)) {
            heal(300, 300);
            removed = timeline.await("left", BOUND, left(), start, () -> "");
            healed = timeline.await("healed", BOUND, healed(), removed.nanos(), () -> "");
            long returnedAt = System.nanoTime();
            // the reference watch gets the same events on its own connection, maybe a moment later
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> observed.stream().anyMatch(o -> o[1] == 2
                    && observed.stream().anyMatch(l -> l[1] == 1 && l[0] < o[0])));
            returned = returnedAt;
        }

        long leftSeen = observed.stream().filter(o -> o[1] == 1).findFirst().orElseThrow()[0];
        long joinedSeen = observed.stream().filter(o -> o[1] == 2 && o[0] > leftSeen).findFirst().orElseThrow()[0];
        System.out.println("[healing timeline] removal " + ms(removed.nanos() - start) + " ms (watch saw it at "
                + ms(leftSeen - start) + "), heal " + ms(healed.nanos() - start) + " ms (watch saw it at "
                + ms(joinedSeen - start) + "), the wait returned " + ms(returned - healed.nanos()) + " ms after the event");
        assertThat(removed.fromWatch()).isTrue();
        assertThat(healed.fromWatch()).isTrue();
        assertThat(Math.abs(ms(removed.nanos() - leftSeen))).as("removal vs the watch's event, ms").isLessThan(100);
        assertThat(Math.abs(ms(healed.nanos() - joinedSeen))).as("heal vs the watch's event, ms").isLessThan(100);
        assertThat(healed.endpoints()).extracting(ServiceHandle.Endpoint::ip).containsExactly("10.0.0.2", "10.0.0.3");
        assertThat(ms(returned - healed.nanos())).as("ms from the event to the end of the wait: no safety-net poll")
                .isLessThan(500);
    }

    @Test
    void aWatchThatCannotBeOpenedLeavesTheTimingToThePolls() {
        long start = System.nanoTime();
        EndpointTimeline.Observation healed;
        try (EndpointTimeline timeline = EndpointTimeline.open(client, target, "web healed", NEVER, w -> {
            throw new io.fabric8.kubernetes.client.KubernetesClientException("connection refused");
        })) {
            assertThat(timeline.wakeups().broken()).isTrue();
            heal(100, 200);
            EndpointTimeline.Observation removed = timeline.await("left", BOUND, left(), start, () -> "");
            healed = timeline.await("healed", BOUND, healed(), removed.nanos(), () -> "");
        }
        assertThat(healed.fromWatch()).isFalse();
        assertThat(Duration.ofNanos(healed.nanos() - start)).as("healed by a poll").isLessThan(BOUND);
    }

    @Test
    void aWatchThatBreaksFallsBackToPolling() {
        AtomicReference<Watcher<EndpointSlice>> watcher = new AtomicReference<>();
        AtomicInteger closed = new AtomicInteger();
        Function<Watcher<EndpointSlice>, Watch> silent = w -> {
            watcher.set(w);
            return closed::incrementAndGet; // a watch the server never feeds
        };
        long start = System.nanoTime();
        EndpointTimeline.Observation removed;
        try (EndpointTimeline timeline = EndpointTimeline.open(client, target, "web healed", NEVER, silent)) {
            assertThat(timeline.wakeups().broken()).isFalse();
            slice("b=10.0.0.2");
            // what fabric8 does when the API server answers the watch with 410 Gone, e.g. after a restart
            watcher.get().onClose(new WatcherException("too old resource version"));
            assertThat(timeline.wakeups().broken()).isTrue();
            removed = timeline.await("left", BOUND, left(), start, () -> "");
        }
        assertThat(removed.fromWatch()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        assertThat(closed.get()).as("closed watches").isEqualTo(1);
    }

    @Test
    void aWatchThatStallsIsOvertakenByTwoPollsInARow() {
        Duration safetyPoll = Duration.ofMillis(200);
        long start = System.nanoTime();
        EndpointTimeline.Observation removed;
        try (EndpointTimeline timeline = EndpointTimeline.open(client, target, "web healed", safetyPoll, w -> () -> { })) {
            slice("b=10.0.0.2");
            removed = timeline.await("left", BOUND, left(), start, () -> "");
            assertThat(timeline.observations()).as("the first poll that saw it did not count").hasSize(2);
        }
        assertThat(removed.fromWatch()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
