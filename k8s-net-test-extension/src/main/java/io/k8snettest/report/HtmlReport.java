package io.k8snettest.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Turns results into self-contained HTML pages: inline CSS and SVG, no script, no external URL, so
 * a page opens the same from a CI artifact, an Open Test Reporting file or a mail attachment.
 * Pure: pictures in, text out.
 */
@API(status = INTERNAL, since = "0.1")
public final class HtmlReport {

    private HtmlReport() {
    }

    /** The matrix as a table: each cell expected vs observed, wrong cells highlighted. */
    public static String matrix(MatrixPicture picture) {
        return page(picture.title(), MatrixPage.body(picture));
    }

    /** The healing as a time line (SVG) of the probes and the moments endpoints left and joined. */
    public static String healing(HealingPicture picture) {
        return page("healing of " + picture.service(), HealingPage.body(picture));
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body
                + "<footer>k8s-net-test</footer>\n</body>\n</html>\n";
    }

    /** Text for HTML content and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 1.5em; color: #1b1f23; }
            h1 { font-size: 1.3em; }
            p.summary { color: #444; }
            table.matrix { border-collapse: collapse; }
            table.matrix th, table.matrix td { border: 1px solid #bbb; padding: 0.4em 0.7em; text-align: center; }
            table.matrix th.row { text-align: right; background: #f3f3f3; }
            table.matrix th.group { font-weight: normal; font-size: 0.85em; color: #555; }
            td.cell .verdict { font-weight: bold; }
            td.cell .note { display: block; font-size: 0.75em; color: #555; }
            td.allowed { background: #e3f4e1; }
            td.denied { background: #eeeeee; }
            td.wrong { background: #f8d0d0; outline: 3px solid #c62828; outline-offset: -3px; }
            ul.legend { font-size: 0.85em; color: #444; }
            svg text { font-size: 12px; fill: #1b1f23; }
            svg .ok { fill: #2e7d32; }
            svg .failed { fill: #c62828; }
            svg line.marker { stroke-width: 2; stroke-dasharray: 5 3; }
            svg line.deleted { stroke: #555; }
            svg line.left { stroke: #c62828; }
            svg line.joined { stroke: #1565c0; }
            svg line.serving { stroke: #2e7d32; }
            svg line.axis { stroke: #888; }
            svg text.left { fill: #c62828; }
            svg text.joined { fill: #1565c0; }
            svg text.serving { fill: #2e7d32; }
            dl.facts dt { font-weight: bold; float: left; clear: left; width: 11em; }
            dl.facts dd { margin-left: 11.5em; }
            footer { margin-top: 2em; font-size: 0.75em; color: #888; }
            """;
}
