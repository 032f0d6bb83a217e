package io.k8snettest.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pure: the statistics of a phase (no cluster). */
class PhaseStatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertThat(PhaseStats.median(List.of(900L, 100L, 500L, 300L, 700L))).isEqualTo(500L);
        assertThat(PhaseStats.median(List.of(42L))).isEqualTo(42L);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwoRoundedHalfUp() {
        assertThat(PhaseStats.median(List.of(4L, 1L, 3L, 2L))).isEqualTo(3L); // (2 + 3) / 2 = 2.5 -> 3
        assertThat(PhaseStats.median(List.of(10L, 20L))).isEqualTo(15L);
    }

    @Test
    void noSamplesGiveNoMedianMinOrMax() {
        assertThat(PhaseStats.median(List.of())).isNull();
        assertThat(PhaseStats.min(List.of())).isNull();
        assertThat(PhaseStats.max(List.of())).isNull();
    }

    @Test
    void minAndMaxAreTheExtremes() {
        assertThat(PhaseStats.min(List.of(7L, 3L, 9L))).isEqualTo(3L);
        assertThat(PhaseStats.max(List.of(7L, 3L, 9L))).isEqualTo(9L);
    }

    @Test
    void ratioIsOursOverKubectlOfTheMediansToThreeDecimals() {
        PhaseStats p = new PhaseStats("single-probe", List.of(40L, 50L, 60L), List.of(150L, 160L, 170L));
        assertThat(p.ratio()).isEqualTo(0.313); // 50 / 160 = 0.3125 -> 0.313
        assertThat(new PhaseStats("x", List.of(300L), List.of(200L)).ratio()).isEqualTo(1.5);
    }

    @Test
    void ratioIsNullWhenASideHasNoSampleOrTheKubectlMedianIsZero() {
        assertThat(new PhaseStats("model-ready", List.of(10L), List.of()).ratio()).isNull();
        assertThat(new PhaseStats("x", List.of(), List.of(10L)).ratio()).isNull();
        assertThat(new PhaseStats("x", List.of(10L), List.of(0L)).ratio()).isNull();
    }

    @Test
    void samplesAreCopied() {
        List<Long> ours = new java.util.ArrayList<>(List.of(1L));
        PhaseStats p = new PhaseStats("x", ours, List.of());
        ours.add(100L);
        assertThat(p.ours()).containsExactly(1L);
    }

    @Test
    void aPhaseWithoutANameIsRejected() {
        assertThatThrownBy(() -> new PhaseStats(" ", List.of(), List.of())).hasMessageContaining("name");
    }
}
