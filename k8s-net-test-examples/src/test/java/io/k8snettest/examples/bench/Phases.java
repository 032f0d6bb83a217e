package io.k8snettest.examples.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's phases, in table order, and the group that measures each: a group is one piece of
 * work on the cluster (the seed scenario measures nine phases in one go), so selecting any phase of
 * a group runs the whole group and reports the phases selected.
 */
enum Phases {

    /** The seed scenario (SeedScenarioBenchmark, .ci/benchmark/kubectl-baseline.sh). */
    SEED("seed-scenario", "namespace-ready", "deployment-ready", "endpoints-ready", "first-clusterip-probe",
            "client-pod-ready", "single-probe", "all-replicas", "time-to-heal", "heal-report-vs-watch"),
    /** An empty {@code @K8sNetTest} class on a warm cluster (ClassOverheadBenchmark, kubectl-per-class.sh). */
    PER_CLASS("per-class-overhead"),
    /**
     * How long after its creation a Service's ClusterIP routes a new connection (ClusterIpRoutingBenchmark):
     * the cluster's own time, which bounds first-clusterip-probe; no kubectl script.
     */
    ROUTING("clusterip-routable"),
    /** One round of a 3 x 3 model matrix (MatrixBenchmark, kubectl-matrix.sh). */
    MATRIX_3X3("matrix-3x3"),
    /** One round of the upstream model, 9 pods x 9 pods x 2 ports. */
    MATRIX_9X18("matrix-9x18"),
    /** One round of a 20 x 20 model matrix. */
    MATRIX_20X20("matrix-20x20"),
    /** The policy model's verdicts, measured on the extension's side only (PolicyModelBenchmark). */
    POLICY("model-ready", "matrix-all-allowed", "matrix-first-after-policy", "matrix-deny-ingress-x");

    /** Phases measured on the extension's side only (no kubectl script prints them; the ROUTING and POLICY groups have no script at all). */
    static final Set<String> OURS_ONLY = Set.of("heal-report-vs-watch", "clusterip-routable");

    /** Phases that are a part of another phase ({@code client-pod-ready}: the pod's start within {@code first-clusterip-probe}). */
    static final Set<String> PARTS = Set.of("client-pod-ready");

    /** The setting that selects phases: a comma-separated list of phase or group names, or {@code all}. */
    static final String PHASES_KEY = "bench.phases";
    /** The setting for how many times each phase is measured. */
    static final String RUNS_KEY = "bench.runs";

    private final List<String> names;

    Phases(String... names) {
        this.names = List.of(names);
    }

    /** The group's own name as {@value #PHASES_KEY} accepts it: {@code seed}, {@code per-class}, {@code matrix-3x3}, ... */
    String groupName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    List<String> names() {
        return names;
    }

    /** The group's phases a kubectl script prints: all but {@link #OURS_ONLY}. */
    List<String> kubectlNames() {
        return names.stream().filter(n -> !OURS_ONLY.contains(n)).toList();
    }

    /** Every phase name, in table order. */
    static List<String> all() {
        return Arrays.stream(values()).flatMap(g -> g.names.stream()).toList();
    }

    /**
     * The phases {@code selection} names (phase names, group names or {@code all}; blank means all), in
     * table order, by group.
     *
     * @throws IllegalArgumentException naming the setting, each unknown name and the known ones
     */
    static Map<Phases, List<String>> select(String selection) {
        Set<String> wanted = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        String text = selection == null || selection.isBlank() ? "all" : selection;
        for (String raw : text.split(",")) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("all")) {
                wanted.addAll(all());
            } else if (all().contains(name)) {
                wanted.add(name);
            } else {
                Arrays.stream(values()).filter(g -> g.groupName().equals(name)).findFirst()
                        .ifPresentOrElse(g -> wanted.addAll(g.names), () -> unknown.add(name));
            }
        }
        if (!unknown.isEmpty() || wanted.isEmpty()) {
            throw new IllegalArgumentException(PHASES_KEY + "=" + selection + ": " + (unknown.isEmpty() ? "selects no phase"
                    : "unknown phase " + String.join(", ", unknown)) + "; give a comma-separated list of " + all()
                    + ", of the groups " + Arrays.stream(values()).map(Phases::groupName).toList() + ", or all");
        }
        Map<Phases, List<String>> byGroup = new LinkedHashMap<>();
        for (Phases group : values()) {
            List<String> chosen = group.names.stream().filter(wanted::contains).toList();
            if (!chosen.isEmpty()) {
                byGroup.put(group, chosen);
            }
        }
        return byGroup;
    }

    /**
     * The {@value #RUNS_KEY} value: blank means 5.
     *
     * @throws IllegalArgumentException naming the setting and the fix, for anything but a whole number from 1 to 100
     */
    static int runs(String value) {
        if (value == null || value.isBlank()) {
            return 5;
        }
        try {
            int runs = Integer.parseInt(value.strip());
            if (runs >= 1 && runs <= 100) {
                return runs;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(RUNS_KEY + "=" + value + " is not a run count; give a whole number from 1 to 100"
                + " (5 or more for the issue's medians)");
    }
}
