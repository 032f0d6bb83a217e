package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceLabelsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void oursCarryManagedByAndRunIdAndExtraLabelsCannotOverrideThem() {
        assertThat(NamespaceLabels.labels("run-1", Map.of("team", "a", NamespaceLabels.RUN_ID, "forged")))
                .containsEntry("app.kubernetes.io/managed-by", "k8s-net-test")
                .containsEntry("k8s-net-test.io/run-id", "run-1")
                .containsEntry("team", "a");
    }

    @Test
    void staleAreOursFromOtherRunsOlderThanTheAgeOnly() {
        Namespace oldOtherRun = ns("old-other-run", NamespaceLabels.labels("run-0", Map.of()), "2026-11-27T10:00:00Z");
        Namespace oldThisRun = ns("old-this-run", NamespaceLabels.labels("run-1", Map.of()), "2026-11-27T10:00:00Z");
        Namespace youngOtherRun = ns("young-other-run", NamespaceLabels.labels("run-2", Map.of()), "2026-11-27T11:30:00Z");
        Namespace oldNotOurs = ns("kube-system", Map.of(NamespaceLabels.RUN_ID, "run-0"), "2020-01-01T00:00:00Z");
        Namespace oldNoAge = ns("no-age", NamespaceLabels.labels("run-0", Map.of()), null);

        List<Namespace> stale = NamespaceLabels.stale(List.of(oldOtherRun, oldThisRun, youngOtherRun, oldNotOurs, oldNoAge),
                "run-1", NOW, Duration.ofHours(1));

        assertThat(stale).extracting(n -> n.getMetadata().getName()).containsExactly("old-other-run");
    }

    @Test
    void terminatingNamespacesAreNotDeletedAgain() {
        Namespace terminating = ns("going", NamespaceLabels.labels("run-0", Map.of()), "2026-11-27T10:00:00Z");
        terminating.getMetadata().setDeletionTimestamp("2026-11-27T11:59:00Z");

        assertThat(NamespaceLabels.stale(List.of(terminating), "run-1", NOW, Duration.ofHours(1))).isEmpty();
    }

    @Test
    void aFreshHeartbeatKeepsAnOldNamespaceEvenWithTheSmallestStaleAge() {
        Namespace live = heartbeat(ns("live", NamespaceLabels.labels("run-0", Map.of()), "2026-11-20T00:00:00Z"),
                NOW.minusSeconds(20));

        assertThat(NamespaceLabels.stale(List.of(live), "run-1", NOW, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void anOldHeartbeatIsCollectedAndTheHeartbeatBeatsTheCreationTime() {
        Namespace stopped = heartbeat(ns("stopped", NamespaceLabels.labels("run-0", Map.of()), "2026-11-27T11:59:00Z"),
                NOW.minus(Duration.ofMinutes(90)));

        assertThat(NamespaceLabels.stale(List.of(stopped), "run-1", NOW, Duration.ofHours(1)))
                .extracting(n -> n.getMetadata().getName()).containsExactly("stopped");
    }

    @Test
    void aRunIsAliveWhileAnyOfItsNamespacesBeats() {
        // A short-lived canary or companion namespace is not renewed itself; its run's test namespace is.
        Namespace canary = heartbeat(ns("canary", NamespaceLabels.labels("run-0", Map.of()), "2026-11-27T10:00:00Z"),
                NOW.minus(Duration.ofHours(2)));
        Namespace test = heartbeat(ns("test", NamespaceLabels.labels("run-0", Map.of()), "2026-11-27T10:00:00Z"),
                NOW.minusSeconds(10));

        assertThat(NamespaceLabels.stale(List.of(canary, test), "run-1", NOW, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void aRunMustMissSeveralRenewalsWhateverTheStaleAge() {
        Duration minimum = NamespaceHeartbeat.RENEW_INTERVAL.multipliedBy(4);
        Namespace justSilent = heartbeat(ns("a", NamespaceLabels.labels("run-0", Map.of()), null), NOW.minus(minimum).plusSeconds(1));
        Namespace longSilent = heartbeat(ns("b", NamespaceLabels.labels("run-2", Map.of()), null), NOW.minus(minimum).minusSeconds(1));

        assertThat(NamespaceLabels.stale(List.of(justSilent, longSilent), "run-1", NOW, Duration.ofSeconds(1)))
                .extracting(n -> n.getMetadata().getName()).containsExactly("b");
    }

    @Test
    void neverOneWithoutOurManagedByLabel() {
        Namespace foreign = heartbeat(ns("foreign", Map.of(NamespaceLabels.RUN_ID, "run-0", "app.kubernetes.io/managed-by", "helm"),
                "2020-01-01T00:00:00Z"), NOW.minus(Duration.ofDays(30)));

        assertThat(NamespaceLabels.stale(List.of(foreign), "run-1", NOW, Duration.ofMinutes(1))).isEmpty();
    }

    static Namespace heartbeat(Namespace ns, Instant at) {
        ns.getMetadata().setAnnotations(Map.of(NamespaceLabels.HEARTBEAT, at.toString()));
        return ns;
    }

    static Namespace ns(String name, Map<String, String> labels, String created) {
        return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).withCreationTimestamp(created)
                .endMetadata().build();
    }
}
