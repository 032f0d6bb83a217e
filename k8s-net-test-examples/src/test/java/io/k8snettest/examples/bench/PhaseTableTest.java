package io.k8snettest.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pure: the printed table (no cluster). */
class PhaseTableTest {

    @Test
    void onePipeRowPerPhaseWithMediansRangesAndRatio() {
        String table = PhaseTable.render(List.of(
                new PhaseStats("single-probe", List.of(40L, 50L, 60L), List.of(150L, 160L, 170L)),
                new PhaseStats("model-ready", List.of(6900L), List.of())));

        List<String> rows = table.lines().toList();
        assertThat(rows.get(0)).contains("phase", "ours median", "ours min-max", "kubectl median", "kubectl min-max", "ours/kubectl");
        assertThat(rows.get(1)).matches("[|\\- ]+");
        assertThat(cells(rows.get(2))).containsExactly("single-probe", "50 ms", "40-60", "160 ms", "150-170", "0.31");
        assertThat(cells(rows.get(3))).containsExactly("model-ready", "6900 ms", "6900-6900", "-", "-", "n/a");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(4)).contains("milliseconds", "below 1");
    }

    @Test
    void rowsAreAlignedWhateverTheValues() {
        String table = PhaseTable.render(List.of(new PhaseStats("matrix-20x20", List.of(123456L), List.of(1L)),
                new PhaseStats("a", List.of(1L), List.of(123456L))));
        List<Integer> widths = table.lines().limit(4).map(String::length).distinct().toList();
        assertThat(widths).hasSize(1);
    }

    private static List<String> cells(String row) {
        return java.util.Arrays.stream(row.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
