package io.k8snettest.report;

import static io.k8snettest.report.HtmlReport.escape;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The body of a healing page: facts, then an SVG time line from the deletion (0 s) on: one bar per
 * probe (green: got through, red: failed) and a dashed line for each moment (pod deleted, deleted
 * endpoint left, replacement joined, serving again).
 */
final class HealingPage {

    static final int WIDTH = 900;
    static final int LEFT = 40;
    static final int RIGHT = 30;
    static final int BAR_TOP = 110;
    static final int BAR_HEIGHT = 40;
    static final int AXIS_Y = 170;
    static final int HEIGHT = 200;

    private HealingPage() {
    }

    static String body(HealingPicture p) {
        StringBuilder out = new StringBuilder();
        out.append("<dl class=\"facts\">\n");
        fact(out, "deleted pods", String.join(", ", p.deletedPods()));
        fact(out, "endpoints left", String.join(", ", p.leftIps()));
        fact(out, "endpoints joined", String.join(", ", p.joinedIps()));
        fact(out, "probes failed", p.failedProbes() + " of " + p.samples().size());
        out.append("</dl>\n");
        out.append(timeline(p));
        out.append("<ul class=\"legend\">\n<li>time from the deletion of the pod(s); one bar per probe sent to the service"
                + " while it healed: green got through, red failed</li>\n<li>dashed lines: the pod(s) deleted, the deleted"
                + " endpoint(s) left, the replacement(s) joined, the service served again</li>\n</ul>\n");
        return out.toString();
    }

    private static void fact(StringBuilder out, String name, String value) {
        out.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value.isEmpty() ? "(none)" : value))
                .append("</dd>\n");
    }

    private static String timeline(HealingPicture p) {
        long end = Math.max(1000, Math.max(p.serving().toMillis(),
                p.samples().stream().mapToLong(s -> s.at().toMillis()).max().orElse(0)));
        double scale = (WIDTH - LEFT - RIGHT) / (end * 1.05);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"timeline\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"healing time line of ").append(escape(p.service())).append("\">\n");
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(AXIS_Y).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(AXIS_Y).append("\"/>\n");
        long step = step(end);
        for (long t = 0; t <= end * 1.05; t += step) {
            int x = x(t, scale);
            svg.append("<text class=\"tick\" x=\"").append(x).append("\" y=\"").append(AXIS_Y + 16)
                    .append("\" text-anchor=\"middle\">").append(seconds(t)).append("</text>\n");
        }
        double barWidth = Math.max(2, Math.min(12, 150 * scale)); // probes are ~200 ms apart
        for (HealingPicture.Sample s : p.samples()) {
            svg.append(String.format(Locale.ROOT, "<rect class=\"probe %s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\">"
                    + "<title>probe at %s: %s</title></rect>%n", s.ok() ? "ok" : "failed", x(s.at().toMillis(), scale) - barWidth / 2,
                    BAR_TOP, barWidth, BAR_HEIGHT, seconds(s.at().toMillis()), s.ok() ? "got through" : "failed"));
        }
        List<Object[]> markers = List.of(new Object[] {"deleted", Duration.ZERO, "pod(s) deleted"},
                new Object[] {"left", p.endpointLeft(), "deleted endpoint left"},
                new Object[] {"joined", p.replacementJoined(), "replacement joined"},
                new Object[] {"serving", p.serving(), "serving again"});
        for (int i = 0; i < markers.size(); i++) {
            String kind = (String) markers.get(i)[0];
            long at = ((Duration) markers.get(i)[1]).toMillis();
            int x = x(at, scale);
            int labelY = 18 + 22 * i;
            svg.append("<line class=\"marker ").append(kind).append("\" data-ms=\"").append(at).append("\" x1=\"").append(x)
                    .append("\" y1=\"").append(labelY + 4).append("\" x2=\"").append(x).append("\" y2=\"").append(AXIS_Y)
                    .append("\"/>\n<text class=\"label ").append(kind).append("\" x=\"").append(x > WIDTH * 0.7 ? x - 4 : x + 4)
                    .append("\" y=\"").append(labelY).append("\"").append(x > WIDTH * 0.7 ? " text-anchor=\"end\"" : "").append('>')
                    .append(escape(markers.get(i)[2] + " " + seconds(at))).append("</text>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static int x(long millis, double scale) {
        return (int) Math.round(LEFT + millis * scale);
    }

    /** A tick spacing giving 5 to 12 ticks. */
    static long step(long endMillis) {
        for (long step : new long[] {100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 30_000, 60_000}) {
            if (endMillis / step <= 12) {
                return step;
            }
        }
        return 120_000;
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
