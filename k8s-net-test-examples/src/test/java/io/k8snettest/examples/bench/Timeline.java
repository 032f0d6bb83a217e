package io.k8snettest.examples.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one JUnit launcher run of benchmark classes recorded: the {@link System#nanoTime()} at which
 * each class or method started and finished ({@code start:SeedRun}, {@code end:probes}), and the
 * timings the test bodies published as report entries {@code bench.<phase>} (milliseconds, first field).
 * Thread-safe: listener callbacks may come from several threads.
 */
final class Timeline {

    private final Map<String, Long> marks = new LinkedHashMap<>();
    private final Map<String, List<Long>> published = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    synchronized void mark(String key, long nanos) {
        marks.putIfAbsent(key, nanos);
    }

    /** A report entry; only keys {@code bench.<phase>} count, their value's first field is the milliseconds. */
    synchronized void entry(String key, String value) {
        if (!key.startsWith("bench.")) {
            return;
        }
        String first = value.strip().split("\\s+")[0];
        if (!first.matches("\\d{1,12}")) {
            throw new IllegalArgumentException("report entry " + key + "=" + value + ": the first field must be milliseconds");
        }
        published.computeIfAbsent(key.substring("bench.".length()), k -> new ArrayList<>()).add(Long.parseLong(first));
    }

    /** Something that went wrong (a failed or skipped test or class), kept for {@link #requireClean()}. */
    synchronized void problem(String description) {
        problems.add(description);
    }

    /** Milliseconds from mark {@code from} to mark {@code to}; fails naming a mark that was never recorded. */
    synchronized long millis(String from, String to) {
        return (nanos(to) - nanos(from)) / 1_000_000;
    }

    /** Milliseconds from mark {@code from} to {@code endNanos} (e.g. when the launcher returned). */
    synchronized long millisUntil(String from, long endNanos) {
        return (endNanos - nanos(from)) / 1_000_000;
    }

    /** The marks' keys in the order they were recorded. */
    synchronized List<String> marks() {
        return List.copyOf(marks.keySet());
    }

    synchronized Map<String, List<Long>> published() {
        Map<String, List<Long>> copy = new LinkedHashMap<>();
        published.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** @throws IllegalStateException listing every problem recorded, if any */
    synchronized void requireClean() {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the benchmark run failed:\n  " + String.join("\n  ", problems));
        }
    }

    private long nanos(String key) {
        Long value = marks.get(key);
        if (value == null) {
            throw new IllegalStateException("the benchmark run recorded no " + key + " (recorded: " + marks.keySet()
                    + "); did the class run?");
        }
        return value;
    }
}
