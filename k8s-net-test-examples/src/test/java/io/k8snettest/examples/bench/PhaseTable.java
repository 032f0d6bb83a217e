package io.k8snettest.examples.bench;

import java.util.List;
import java.util.Locale;

/** The printed table of a benchmark run: per phase the median and range of each side and the ratio of the medians. */
final class PhaseTable {

    private static final String FORMAT = "| %-26s | %11s | %13s | %14s | %15s | %12s |%n";

    private PhaseTable() {
    }

    static String render(List<PhaseStats> phases) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, FORMAT, "phase", "ours median", "ours min-max", "kubectl median",
                "kubectl min-max", "ours/kubectl"));
        s.append(String.format(Locale.ROOT, FORMAT, "-".repeat(26), "-".repeat(11), "-".repeat(13), "-".repeat(14),
                "-".repeat(15), "-".repeat(12)));
        for (PhaseStats p : phases) {
            Double ratio = p.ratio();
            s.append(String.format(Locale.ROOT, FORMAT, p.name(), ms(p.oursMedian()), range(p.ours()),
                    ms(p.kubectlMedian()), range(p.kubectl()),
                    ratio == null ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio)));
        }
        return s.append("(milliseconds; ratio below 1: the extension is faster than the kubectl steps; n/a: a side did not measure it)\n")
                .toString();
    }

    private static String ms(Long value) {
        return value == null ? "-" : value + " ms";
    }

    private static String range(List<Long> values) {
        return values.isEmpty() ? "-" : PhaseStats.min(values) + "-" + PhaseStats.max(values);
    }
}
