package io.k8snettest.report;

import static io.k8snettest.report.HtmlReport.escape;

import java.util.List;

/** The body of a matrix page: a table, rows x columns, each cell "expected: observed". */
final class MatrixPage {

    private MatrixPage() {
    }

    static String body(MatrixPicture picture) {
        StringBuilder out = new StringBuilder();
        out.append("<p class=\"summary\">").append(escape(picture.summary())).append("</p>\n");
        out.append("<p class=\"verdict\" id=\"verdict\">").append(picture.wrongCells() == 0 ? "every cell as expected"
                : picture.wrongCells() + " wrong cell(s)").append("</p>\n");
        out.append("<table class=\"matrix\" id=\"matrix\">\n<thead>\n");
        header(out, picture.columns());
        out.append("</thead>\n<tbody>\n");
        for (int r = 0; r < picture.rows().size(); r++) {
            out.append("<tr><th class=\"row\" scope=\"row\">").append(escape(picture.rows().get(r))).append("</th>");
            for (int c = 0; c < picture.columns().size(); c++) {
                cell(out, picture.rows().get(r), picture.columns().get(c), picture.cells().get(r).get(c));
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n<ul class=\"legend\">\n<li>a cell reads <b>expected: observed</b>; green: allowed,"
                + " grey: denied, red with a frame: observed differs from expected</li>\n<li>rows are sources (clients),"
                + " columns targets</li>\n</ul>\n");
        return out.toString();
    }

    /** Column names, neighbours with the same name spanning one header; then the groups, if any column has one. */
    private static void header(StringBuilder out, List<MatrixPicture.Column> columns) {
        boolean groups = columns.stream().anyMatch(col -> !col.group().isEmpty());
        out.append("<tr><th class=\"corner\"").append(groups ? " rowspan=\"2\"" : "").append(">source \\ target</th>");
        for (int c = 0; c < columns.size(); ) {
            int span = 1;
            while (c + span < columns.size() && columns.get(c + span).name().equals(columns.get(c).name())) {
                span++;
            }
            out.append("<th class=\"target\" scope=\"col\"").append(span > 1 ? " colspan=\"" + span + "\"" : "").append('>')
                    .append(escape(columns.get(c).name())).append("</th>");
            c += span;
        }
        out.append("</tr>\n");
        if (groups) {
            out.append("<tr>");
            columns.forEach(col -> out.append("<th class=\"group\" scope=\"col\">").append(escape(col.group())).append("</th>"));
            out.append("</tr>\n");
        }
    }

    private static void cell(StringBuilder out, String row, MatrixPicture.Column column, MatrixPicture.Cell cell) {
        String expected = cell.expected() ? "allow" : "deny";
        String observed = cell.observed() ? "reached" : "blocked";
        String css = cell.wrong() ? "cell wrong" : cell.expected() ? "cell allowed" : "cell denied";
        String where = row + " -> " + column.name() + (column.group().isEmpty() ? "" : " " + column.group());
        out.append("<td class=\"").append(css).append("\" data-expected=\"").append(expected).append("\" data-observed=\"")
                .append(observed).append("\" title=\"").append(escape(where + ": " + cell.note())).append("\">")
                .append("<span class=\"verdict\">").append(expected).append(": ").append(observed)
                .append(cell.wrong() ? " (WRONG)" : "").append("</span>")
                .append(cell.note().isEmpty() ? "" : "<span class=\"note\">" + escape(cell.note()) + "</span>").append("</td>");
    }
}
