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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Collects a matrix declaration, validates it into a {@link MatrixPlan} and hands it to a runner. */
final class MatrixBuilder implements ReachabilityMatrix.Builder {

    private final List<ClientSpec> sources = new ArrayList<>();
    private final List<MatrixPlan.Target> targets = new ArrayList<>();
    private final List<String[]> allowed = new ArrayList<>();
    private final Set<String> allowedToAll = new LinkedHashSet<>();
    private final Set<String> everyNode = new LinkedHashSet<>();
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
    public ReachabilityMatrix.Builder sourceOnEveryNode(ClientSpec client) {
        Objects.requireNonNull(client, "client");
        if (!client.placement().isAny()) {
            throw Misuse.argument("matrix sourceOnEveryNode(\"" + client.name() + "\")", "the client is placed "
                    + client.placement() + ", but a source on every node places one client on each node itself",
                    "remove the client's placement, or declare it with source(...)");
        }
        everyNode.add(client.name());
        return source(client);
    }

    @Override
    public ReachabilityMatrix.Builder service(String service, int port, ProbeProtocol protocol) {
        return target(MatrixPlan.Kind.SERVICE, null, service, null, port, protocol);
    }

    @Override
    public ReachabilityMatrix.Builder service(String namespace, String service, int port, ProbeProtocol protocol) {
        return target(MatrixPlan.Kind.SERVICE, Objects.requireNonNull(namespace, "namespace"), service, null, port, protocol);
    }

    @Override
    public ReachabilityMatrix.Builder pod(String pod, int port, ProbeProtocol protocol) {
        Objects.requireNonNull(pod, "pod");
        int slash = pod.indexOf('/');
        return target(MatrixPlan.Kind.POD, slash < 0 ? null : pod.substring(0, slash), pod.substring(slash + 1), null,
                requirePort("pod(\"" + pod + "\", ...)", port), protocol);
    }

    @Override
    public ReachabilityMatrix.Builder podsLabelled(String selector, int port, ProbeProtocol protocol) {
        return labelled(null, selector, port, protocol);
    }

    @Override
    public ReachabilityMatrix.Builder podsLabelled(String namespace, String selector, int port, ProbeProtocol protocol) {
        return labelled(Objects.requireNonNull(namespace, "namespace"), selector, port, protocol);
    }

    private ReachabilityMatrix.Builder labelled(String namespace, String selector, int port, ProbeProtocol protocol) {
        String call = "podsLabelled(\"" + selector + "\", ...)";
        io.k8snettest.plan.EqualitySelector.parse("matrix " + call, selector);
        return target(MatrixPlan.Kind.LABELLED, namespace, selector.strip(), null, requirePort(call, port), protocol);
    }

    @Override
    public ReachabilityMatrix.Builder address(String name, String ip, int port, ProbeProtocol protocol) {
        return target(MatrixPlan.Kind.ADDRESS, null, name, Objects.requireNonNull(ip, "ip"),
                requirePort("address(\"" + name + "\", ...)", port), protocol);
    }

    private ReachabilityMatrix.Builder target(MatrixPlan.Kind kind, String namespace, String name, String ip, int port,
                                              ProbeProtocol protocol) {
        targets.add(new MatrixPlan.Target(kind, namespace, Objects.requireNonNull(name, "name"), ip, port,
                Objects.requireNonNull(protocol, "protocol")));
        return this;
    }

    private static int requirePort(String call, int port) {
        if (port < 1 || port > 65535) {
            throw Misuse.argument("matrix " + call, "port=" + port + " is not a port", "give the port to probe, 1-65535");
        }
        return port;
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
        List<String> targetNames = unique("target", columnNames());
        boolean[][] expected = new boolean[sources.size()][targets.size()];
        for (String target : allowedToAll) {
            for (int t : columns("allowAllTo", target, targetNames)) {
                for (boolean[] row : expected) {
                    row[t] = true;
                }
            }
        }
        for (String[] cell : allowed) {
            int s = index("allow", "source", cell[0], sourceNames);
            for (int t : columns("allow", cell[1], targetNames)) {
                expected[s][t] = true;
            }
        }
        for (int t = 0; t < targets.size(); t++) {
            if (targets.get(t).kind() == MatrixPlan.Kind.ADDRESS && !anyAllowed(expected, t)) {
                throw Misuse.argument("matrix address(\"" + targets.get(t).name() + "\", ...)", "no source may reach it,"
                        + " and a denied cell means nothing unless the target provably serves", "allow at least one source"
                        + " to reach it (that cell is its positive control), or name it as a pod(...) or service(...),"
                        + " whose serving a port-forward proves");
            }
        }
        return new MatrixPlan(sources, targets, targetNames, expected, window, everyNode);
    }

    static boolean anyAllowed(boolean[][] expected, int target) {
        for (boolean[] row : expected) {
            if (row[target]) {
                return true;
            }
        }
        return false;
    }

    /** A column is named after its target; a name declared with several ports names each column {@code name:port}. */
    private List<String> columnNames() {
        Map<String, Long> perBase = targets.stream().collect(Collectors.groupingBy(MatrixPlan.Target::base, Collectors.counting()));
        return targets.stream().map(t -> perBase.get(t.base()) > 1 ? t.base() + ":" + t.port() : t.base()).toList();
    }

    /** The columns a name in allow(...) means: the column of that name, or every column of a target with several ports. */
    private List<Integer> columns(String method, String name, List<String> targetNames) {
        List<Integer> matching = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            if (targetNames.get(t).equals(name) || targets.get(t).base().equals(name)) {
                matching.add(t);
            }
        }
        if (matching.isEmpty()) {
            index(method, "target", name, targetNames); // throws, naming the declared targets
        }
        return matching;
    }

    private static List<String> unique(String what, List<String> names) {
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw Misuse.argument("matrix", what + " '" + name + "' is declared twice", "each " + what
                        + " needs its own name (a cell is named by source and target name; one target on several"
                        + " ports is one column per port)");
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
