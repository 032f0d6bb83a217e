package io.k8snettest.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixTableTest {

    @Test
    void alignedTruthTableMarksEveryWrongCell() {
        String table = MatrixTable.render(List.of("frontend", "stranger (k8snet-x-other)"), List.of("web", "db"),
                new boolean[][] {{true, false}, {false, false}}, new boolean[][] {{true, true}, {false, false}});

        assertThat(table).isEqualTo("""
                cell = expected: observed; '<-- WRONG' marks a mismatch
                source \\ target           | web            | db
                frontend                  | allow: reached | deny: reached <-- WRONG
                stranger (k8snet-x-other) | deny: blocked  | deny: blocked
                """);
    }

    @Test
    void aCellSaysWhatWasExpectedAndWhatWasSeen() {
        assertThat(MatrixTable.cell(true, false)).isEqualTo("allow: blocked <-- WRONG");
        assertThat(MatrixTable.cell(false, false)).isEqualTo("deny: blocked");
    }
}
