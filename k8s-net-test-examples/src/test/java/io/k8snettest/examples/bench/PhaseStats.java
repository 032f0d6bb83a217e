package io.k8snettest.examples.bench;

import java.util.List;

/**
 * The samples of one benchmark phase, in milliseconds, from both sides: the extension's ("ours") and
 * the kubectl scripts'. Either side may be empty (a phase measured on one side only, or not selected).
 *
 * @param name    the phase's kebab-case name, e.g. {@code single-probe}
 * @param ours    the extension's samples
 * @param kubectl the kubectl scripts' samples
 */
record PhaseStats(String name, List<Long> ours, List<Long> kubectl) {

    PhaseStats {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a phase needs a name");
        }
        ours = List.copyOf(ours);
        kubectl = List.copyOf(kubectl);
    }

    Long oursMedian() {
        return median(ours);
    }

    Long kubectlMedian() {
        return median(kubectl);
    }

    /**
     * Ours over kubectl, of the medians (below 1: the extension is faster), rounded to 3 decimals;
     * {@code null} when a side has no sample or the kubectl median is 0.
     */
    Double ratio() {
        Long o = oursMedian();
        Long k = kubectlMedian();
        if (o == null || k == null || k == 0) {
            return null;
        }
        return Math.round(o * 1000.0 / k) / 1000.0;
    }

    /** The median (the mean of the middle two, rounded half up, for an even count), {@code null} for none. */
    static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : Math.round((sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0);
    }

    /** The smallest sample, {@code null} for none. */
    static Long min(List<Long> values) {
        return values.stream().min(Long::compare).orElse(null);
    }

    /** The largest sample, {@code null} for none. */
    static Long max(List<Long> values) {
        return values.stream().max(Long::compare).orElse(null);
    }
}
