package io.k8snettest.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine-readable result of a benchmark run ({@code target/benchmark/results.json}):
 * <pre>{@code
 * {"cluster": "...", "runs": 5, "phases": [{"name": "single-probe", "ours_median_ms": 40, "ours_min_ms": 35,
 *   "ours_max_ms": 51, "kubectl_median_ms": 180, "kubectl_min_ms": 170, "kubectl_max_ms": 220, "ratio": 0.222}]}
 * }</pre>
 * A value a side did not measure is {@code null}, as is the ratio then.
 */
final class ResultsJson {

    private ResultsJson() {
    }

    static String render(String cluster, int runs, List<PhaseStats> phases) {
        StringBuilder s = new StringBuilder("{\"cluster\": ").append(string(cluster)).append(", \"runs\": ").append(runs)
                .append(", \"phases\": [");
        for (int i = 0; i < phases.size(); i++) {
            PhaseStats p = phases.get(i);
            s.append(i == 0 ? "\n  " : ",\n  ").append("{\"name\": ").append(string(p.name()))
                    .append(", \"ours_median_ms\": ").append(p.oursMedian())
                    .append(", \"ours_min_ms\": ").append(PhaseStats.min(p.ours()))
                    .append(", \"ours_max_ms\": ").append(PhaseStats.max(p.ours()))
                    .append(", \"kubectl_median_ms\": ").append(p.kubectlMedian())
                    .append(", \"kubectl_min_ms\": ").append(PhaseStats.min(p.kubectl()))
                    .append(", \"kubectl_max_ms\": ").append(PhaseStats.max(p.kubectl()))
                    .append(", \"ratio\": ").append(number(p.ratio())).append('}');
        }
        return s.append(phases.isEmpty() ? "]}\n" : "\n]}\n").toString();
    }

    /** Writes {@link #render} to {@code file}, creating its directory. */
    static void write(Path file, String cluster, int runs, List<PhaseStats> phases) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.writeString(file, render(cluster, runs, phases), StandardCharsets.UTF_8);
    }

    /** A JSON string literal: quote, backslash and every control character escaped. */
    static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '\b' -> s.append("\\b");
                case '\f' -> s.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    private static String number(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", value)
                .replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }
}
