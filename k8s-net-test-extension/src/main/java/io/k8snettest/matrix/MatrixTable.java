package io.k8snettest.matrix;

import java.util.ArrayList;
import java.util.List;

/** The expected-vs-observed truth table of a matrix, as aligned text. Pure. */
final class MatrixTable {

    static final String LEGEND = "cell = expected: observed; '<-- WRONG' marks a mismatch";

    private MatrixTable() {
    }

    static String render(List<String> sources, List<String> targets, boolean[][] expected, boolean[][] observed) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("source \\ target"));
        header.addAll(targets);
        rows.add(header);
        for (int s = 0; s < sources.size(); s++) {
            List<String> row = new ArrayList<>(List.of(sources.get(s)));
            for (int t = 0; t < targets.size(); t++) {
                row.add(cell(expected[s][t], observed[s][t]));
            }
            rows.add(row);
        }
        return LEGEND + "\n" + aligned(rows);
    }

    /** Rows of cells as columns separated by {@code " | "}, each as wide as its widest cell. */
    static String aligned(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(r -> {
            for (int c = 0; c < r.size(); c++) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.size(); c++) {
                line.append(c == 0 ? "" : " | ").append(String.format("%-" + widths[c] + "s", r.get(c)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    static String cell(boolean expected, boolean observed) {
        return (expected ? "allow: " : "deny: ") + (observed ? "reached" : "blocked")
                + (expected == observed ? "" : " <-- WRONG");
    }
}
