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
        Namespace youngOtherRun = ns("young-other-run", NamespaceLabels.labels("run-0", Map.of()), "2026-11-27T11:30:00Z");
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

    static Namespace ns(String name, Map<String, String> labels, String created) {
        return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).withCreationTimestamp(created)
                .endMetadata().build();
    }
}
