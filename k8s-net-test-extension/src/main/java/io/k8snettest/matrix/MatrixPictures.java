package io.k8snettest.matrix;

import io.k8snettest.report.HtmlReport;
import io.k8snettest.report.MatrixPicture;
import java.util.ArrayList;
import java.util.List;

/** A probed matrix as the neutral picture {@link HtmlReport} draws: columns per target and port/protocol, notes per cell. */
final class MatrixPictures {

    static final String FILE_NAME = "k8snet-matrix.html";

    private MatrixPictures() {
    }

    static String page(MatrixPlan plan, List<String> rows, boolean[][] observed, MatrixObservations observations, String summary) {
        List<MatrixPicture.Column> columns = plan.targets().stream().map(t -> new MatrixPicture.Column(
                (t.namespace() == null ? "" : t.namespace() + "/") + t.name(),
                (t.port() < 0 ? "" : t.port() + "/") + t.protocol())).toList();
        List<List<MatrixPicture.Cell>> cells = new ArrayList<>();
        for (int s = 0; s < rows.size(); s++) {
            List<MatrixPicture.Cell> row = new ArrayList<>();
            for (int t = 0; t < columns.size(); t++) {
                row.add(new MatrixPicture.Cell(plan.expected()[s][t], observed[s][t], observations.note(s, t)));
            }
            cells.add(row);
        }
        return HtmlReport.matrix(new MatrixPicture("reachability matrix " + rows.size() + " x " + columns.size(),
                summary.strip(), rows, columns, cells));
    }

    /** A policy model's matrix: a row per pod, a column per pod and port/protocol; a pod's own cells (not asserted) say so. */
    static String page(ModelCells cells, boolean[][] observed, MatrixObservations observations, String summary) {
        List<MatrixPicture.Column> columns = cells.columns().stream()
                .map(c -> new MatrixPicture.Column(c.pod(), c.port() + "/" + c.protocol())).toList();
        boolean[][] ignored = cells.loopback();
        List<List<MatrixPicture.Cell>> rows = new ArrayList<>();
        for (int s = 0; s < cells.pods().size(); s++) {
            List<MatrixPicture.Cell> row = new ArrayList<>();
            for (int t = 0; t < columns.size(); t++) {
                row.add(ignored[s][t]
                        ? new MatrixPicture.Cell(observed[s][t], observed[s][t], "a pod to itself: not asserted")
                        : new MatrixPicture.Cell(cells.expected()[s][t], observed[s][t], observations.note(s, t)));
            }
            rows.add(row);
        }
        return HtmlReport.matrix(new MatrixPicture("policy model matrix " + cells.pods().size() + " x " + columns.size(),
                summary.strip(), cells.pods(), columns, rows));
    }
}
