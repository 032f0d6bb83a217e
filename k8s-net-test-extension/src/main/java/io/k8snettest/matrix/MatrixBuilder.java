package io.k8snettest.matrix;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.plan.Misuse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** Collects a matrix declaration, validates it into a {@link MatrixPlan} and hands it to a runner. */
final class MatrixBuilder implements ReachabilityMatrix.Builder {

    private final List<ClientSpec> sources = new ArrayList<>();
    private final List<MatrixPlan.Target> targets = new ArrayList<>();
    private final List<String[]> allowed = new ArrayList<>();
    private final Set<String> allowedToAll = new LinkedHashSet<>();
    private final Function<MatrixPlan, ReachabilityMatrix.Result> runner;
    private Duration window;

    MatrixBuilder(Duration defaultWindow, Function<MatrixPlan, ReachabilityMatrix.Result> runner) {
        this.window = defaultWindow;
        this.runner = runner;
    }

    @Override
    public ReachabilityMatrix.Builder source(ClientSpec client) {
        sources.add(Objects.requireNonNull(client, "client"));
        return this;
    }

    @Override
    public ReachabilityMatrix.Builder service(String service, int port, ProbeProtocol protocol) {
        targets.add(new MatrixPlan.Target(Objects.requireNonNull(service, "service"), port, Objects.requireNonNull(protocol, "protocol")));
        return this;
    }

    @Override
    public ReachabilityMatrix.Builder allow(String source, String target) {
        allowed.add(new String[] {source, target});
        return this;
    }

    @Override
    public ReachabilityMatrix.Builder allowAllTo(String target) {
        allowedToAll.add(target);
        return this;
    }

    @Override
    public ReachabilityMatrix.Builder stabilityWindow(Duration window) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw Misuse.argument("matrix stabilityWindow(...)", "window=" + window + " must be positive",
                    "pass e.g. Duration.ofSeconds(10), or omit it for " + K8sNetTest.STABILITY_WINDOW_KEY);
        }
        this.window = window;
        return this;
    }

    @Override
    public ReachabilityMatrix.Result assertMatches() {
        return runner.apply(plan());
    }

    /** The validated plan; every misuse names what is known. */
    MatrixPlan plan() {
        if (sources.isEmpty() || targets.isEmpty()) {
            throw Misuse.argument("matrix", "a reachability matrix needs at least one source and one target, got "
                    + sources.size() + " source(s) and " + targets.size() + " target(s)", "declare them with source(...)"
                    + " and service(...)");
        }
        List<String> sourceNames = unique("source", sources.stream().map(ClientSpec::name).toList());
        List<String> targetNames = unique("target", targets.stream().map(MatrixPlan.Target::service).toList());
        boolean[][] expected = new boolean[sources.size()][targets.size()];
        for (String target : allowedToAll) {
            int t = index("allowAllTo", "target", target, targetNames);
            for (boolean[] row : expected) {
                row[t] = true;
            }
        }
        for (String[] cell : allowed) {
            expected[index("allow", "source", cell[0], sourceNames)][index("allow", "target", cell[1], targetNames)] = true;
        }
        return new MatrixPlan(sources, targets, expected, window);
    }

    private static List<String> unique(String what, List<String> names) {
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw Misuse.argument("matrix", what + " '" + name + "' is declared twice", "each " + what
                        + " needs its own name (a cell is named by source and target name)");
            }
        }
        return names;
    }

    private static int index(String method, String what, String name, List<String> known) {
        int i = known.indexOf(name);
        if (i < 0) {
            throw Misuse.argument("matrix " + method + "(...)", "unknown " + what + " '" + name + "'",
                    "declared " + what + "s: " + known);
        }
        return i;
    }
}
