package io.k8snettest.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.Watcher.Action;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pure: when the independent watch counts the endpoints as healed (events handed in by hand, no cluster). */
class HealWatchTest {

    private static EndpointSlice slice(String name, Boolean... readiness) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withName(name).endMetadata().withAddressType("IPv4");
        for (int i = 0; i < readiness.length; i++) {
            b.addToEndpoints(new EndpointBuilder().withAddresses("10.0.0." + (i + 1)).withNewConditions()
                    .withReady(readiness[i]).endConditions().build());
        }
        return b.build();
    }

    @Test
    void healedIsTheFirstEventAfterTheOriginWithTheReplicasBackAndNoneOfTheLeftOnes() throws InterruptedException {
        HealWatch w = new HealWatch();
        w.record(Action.ADDED, slice("s", true, true), 100); // before the origin: 10.0.0.1 and .2 ready
        long origin = 1_000_000_000L;
        w.record(Action.MODIFIED, slice("s", false, true), origin + 5_000_000); // .1 not ready: removal
        w.record(Action.MODIFIED, slice("s", false, true, false), origin + 9_000_000); // .3 joined, not ready yet
        w.record(Action.MODIFIED, slice("s", false, true, null), origin + 1_234_000_000L); // absent condition counts as ready

        assertThat(w.healedAfter(origin, Set.of("10.0.0.1"), 2, Duration.ofMillis(10))).isEqualTo(1234);
    }

    @Test
    void slicesAddUpAndADeletedSliceTakesItsEndpointsAway() throws InterruptedException {
        long ms = 1_000_000L;
        HealWatch w = new HealWatch();
        w.record(Action.ADDED, slice("a", true), 10 * ms); // 10.0.0.1
        w.record(Action.ADDED, slice("b", false, true), 20 * ms); // 10.0.0.2 ready in b
        w.record(Action.DELETED, slice("a", true), 30 * ms);

        assertThat(w.healedAfter(0, Set.of("10.0.0.9"), 2, Duration.ofMillis(10))).as("a's and b's together").isEqualTo(20);
        assertThat(w.healedAfter(25 * ms, Set.of("10.0.0.9"), 1, Duration.ofMillis(10))).as("b's alone once a went")
                .isEqualTo(5);
        assertThatThrownBy(() -> w.healedAfter(0, Set.of("10.0.0.9"), 3, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("did not see 3 ready endpoints without [10.0.0.9]");
    }

    private static Pod pod(String name, boolean deleting) {
        return new PodBuilder().withNewMetadata().withName(name)
                .withDeletionTimestamp(deleting ? "2026-12-02T08:00:00Z" : null).endMetadata().build();
    }

    @Test
    void byEventsAloneTheHealingIsTimedFromTheFirstDeletionSeenOfADeletedPod() throws InterruptedException {
        long ms = 1_000_000L;
        HealWatch w = new HealWatch();
        w.record(Action.ADDED, slice("s", true, true), 10 * ms);
        w.record(Action.MODIFIED, pod("web-a", false), 20 * ms); // not a deletion: no deletion timestamp
        w.record(Action.MODIFIED, pod("other", true), 30 * ms); // not one of the deleted pods
        w.record(Action.MODIFIED, pod("web-a", true), 1000 * ms); // the deletion: the origin
        w.record(Action.MODIFIED, slice("s", false, true), 1005 * ms);
        w.record(Action.DELETED, pod("web-a", true), 1100 * ms); // a later event of the same pod moves nothing
        w.record(Action.MODIFIED, slice("s", false, true, true), 2234 * ms);

        assertThat(w.healedAfterDeletion(List.of("web-a"), Set.of("10.0.0.1"), 2, Duration.ofMillis(10))).isEqualTo(1234);
    }

    @Test
    void aPodDeletedOutrightCountsAndNoDeletionSeenFailsNamingThePods() throws InterruptedException {
        long ms = 1_000_000L;
        HealWatch w = new HealWatch();
        w.record(Action.DELETED, pod("web-b", false), 100 * ms); // grace 0: only the DELETED event
        w.record(Action.ADDED, slice("s", true, true), 150 * ms);

        assertThat(w.healedAfterDeletion(List.of("web-b"), Set.of("10.0.0.9"), 2, Duration.ofMillis(10))).isEqualTo(50);
        assertThatThrownBy(() -> w.healedAfterDeletion(List.of("web-z"), Set.of("10.0.0.9"), 2, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("did not see any of [web-z] deleted");
    }
}
