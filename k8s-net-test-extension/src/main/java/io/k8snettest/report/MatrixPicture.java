package io.k8snettest.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A reachability matrix as {@link HtmlReport} draws it: rows (sources) x columns (targets), each
 * cell expected vs observed. Neutral: it knows nothing of how the matrix was probed.
 *
 * @param title   the page's heading
 * @param summary one line under it (sizes, rounds, time)
 * @param rows    the row labels, top to bottom
 * @param columns the columns, left to right; neighbours with the same name share one header
 * @param cells   {@code cells.get(row).get(column)}
 */
@API(status = INTERNAL, since = "0.1")
public record MatrixPicture(String title, String summary, List<String> rows, List<Column> columns, List<List<Cell>> cells) {

    /**
     * A column: a target, and an optional group below it such as {@code 80/TCP} (empty for none).
     */
    public record Column(String name, String group) {
    }

    /**
     * One cell: allowed ({@code true}) or denied as expected and as observed, and a note (how it was observed).
     */
    public record Cell(boolean expected, boolean observed, String note) {

        /** Expected and observed differ. */
        public boolean wrong() {
            return expected != observed;
        }
    }

    public MatrixPicture {
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        cells = cells.stream().map(List::copyOf).toList();
        int width = columns.size();
        if (cells.size() != rows.size() || cells.stream().anyMatch(r -> r.size() != width)) {
            throw new IllegalArgumentException("a matrix picture needs " + rows.size() + " rows of " + width + " cells");
        }
    }

    /** How many cells are wrong. */
    public long wrongCells() {
        return cells.stream().flatMap(List::stream).filter(Cell::wrong).count();
    }
}
