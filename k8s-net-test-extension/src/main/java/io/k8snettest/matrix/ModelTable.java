package io.k8snettest.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model matrix as one truth table per port and protocol, rows the source pods, columns the target
 * pods: {@code .} reached, {@code X} blocked, {@code ?} could not run, {@code -} not probed (a pod to
 * itself), and a {@code !} after a cell that is not what was expected. Pure.
 */
final class ModelTable {

    static final String LEGEND = "rows: from, columns: to; . reached, X blocked, ? could not run (exec failed),"
            + " - not probed (a pod to itself), ! not as expected";

    private ModelTable() {
    }

    static String render(ModelCells cells, MatrixObservations observations) {
        boolean[][] observed = observations.observed();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int c = 0; c < cells.columns().size(); c++) {
            groups.computeIfAbsent(cells.columns().get(c).group(), g -> new ArrayList<>()).add(c);
        }
        int width = cells.pods().stream().mapToInt(String::length).max().orElse(1) + 1;
        StringBuilder out = new StringBuilder(LEGEND).append('\n');
        groups.forEach((group, columns) -> {
            out.append("port ").append(group).append(wrongCount(cells, observed, columns)).append('\n');
            StringBuilder header = new StringBuilder(pad("", width));
            columns.forEach(c -> header.append(pad(cells.columns().get(c).pod(), width)));
            out.append(header.toString().stripTrailing()).append('\n');
            for (int s = 0; s < cells.pods().size(); s++) {
                StringBuilder row = new StringBuilder(pad(cells.pods().get(s), width));
                for (int c : columns) {
                    row.append(pad(observations.mark(s, c) + (cells.expected()[s][c] == observed[s][c] ? "" : "!"), width));
                }
                out.append(row.toString().stripTrailing()).append('\n');
            }
        });
        return out.toString();
    }

    private static String wrongCount(ModelCells cells, boolean[][] observed, List<Integer> columns) {
        int wrong = 0;
        for (int s = 0; s < cells.pods().size(); s++) {
            for (int c : columns) {
                wrong += cells.expected()[s][c] == observed[s][c] ? 0 : 1;
            }
        }
        return wrong == 0 ? " (as expected)" : " (" + wrong + " wrong cell(s))";
    }

    private static String pad(String text, int width) {
        return String.format("%-" + width + "s", text);
    }
}
