package io.k8snettest.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pure: selecting phases and the run count (no cluster). */
class PhasesTest {

    @Test
    void everyPhaseOfTheIssueIsKnownInKebabCase() {
        assertThat(Phases.all()).contains("seed-scenario", "single-probe", "first-clusterip-probe", "time-to-heal",
                "per-class-overhead", "matrix-3x3", "matrix-9x18", "matrix-20x20", "namespace-ready", "deployment-ready",
                "endpoints-ready", "all-replicas").doesNotHaveDuplicates().allMatch(n -> n.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void blankOrAllSelectsEveryGroup() {
        assertThat(Phases.select(null)).containsOnlyKeys(Phases.values());
        assertThat(Phases.select(" ")).containsOnlyKeys(Phases.values());
        assertThat(Phases.select("all").values().stream().flatMap(List::stream).toList()).isEqualTo(Phases.all());
    }

    @Test
    void aPhaseSelectsItsGroupAndOnlyItselfForTheTable() {
        Map<Phases, List<String>> selected = Phases.select("single-probe, matrix-9x18");
        assertThat(selected).containsOnlyKeys(Phases.SEED, Phases.MATRIX_9X18);
        assertThat(selected.get(Phases.SEED)).containsExactly("single-probe");
        assertThat(selected.get(Phases.MATRIX_9X18)).containsExactly("matrix-9x18");
    }

    @Test
    void aGroupNameSelectsAllItsPhasesInTableOrder() {
        assertThat(Phases.select("seed").get(Phases.SEED)).isEqualTo(Phases.SEED.names());
        assertThat(Phases.select("policy,per-class").keySet()).containsExactly(Phases.PER_CLASS, Phases.POLICY);
    }

    @Test
    void runsDefaultToFive() {
        assertThat(Phases.runs(null)).isEqualTo(5);
        assertThat(Phases.runs("")).isEqualTo(5);
        assertThat(Phases.runs(" 7 ")).isEqualTo(7);
    }

    @Test
    @DisplayName("bad input: an unknown phase is named with the known ones")
    void unknownPhase() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Phases.select("single-probe,matrix-9x9,bogus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bench.phases=single-probe,matrix-9x9,bogus")
                .hasMessageContaining("unknown phase matrix-9x9, bogus")
                .hasMessageContaining("matrix-9x18").hasMessageContaining("per-class").hasMessageContaining("or all");
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    @DisplayName("bad input: a selection of only commas selects nothing and says so")
    void emptySelection() {
        assertThatThrownBy(() -> Phases.select(",,")).hasMessageContaining("bench.phases=,,")
                .hasMessageContaining("selects no phase");
    }

    @Test
    @DisplayName("bad input: a run count that is not 1-100 names the setting and the fix")
    void badRuns() {
        for (String bad : List.of("0", "-3", "five", "101", "2.5")) {
            assertThatThrownBy(() -> Phases.runs(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bench.runs=" + bad).hasMessageContaining("whole number from 1 to 100");
        }
    }
}
