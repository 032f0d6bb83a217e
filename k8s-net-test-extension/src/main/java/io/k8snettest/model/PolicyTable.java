package io.k8snettest.model;

import io.k8snettest.api.TransportProtocol;
import io.k8snettest.netpol.Cell;
import io.k8snettest.netpol.PodInfo;
import io.k8snettest.netpol.PolicyEngine;
import io.k8snettest.netpol.PolicyModel;
import io.k8snettest.netpol.Protocol;
import io.k8snettest.netpol.Verdict;
import io.k8snettest.plan.Misuse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's expected table computed by the policy engine: every (source pod, column) cell's verdict and
 * its reason. Reasons name the model's namespaces by their logical names ({@code x/a}, {@code x/deny-all}),
 * as the truth tables do. Pure: the objects come from the caller.
 */
final class PolicyTable {

    private final PolicyEngine engine;
    private final Map<String, PodInfo> pods = new LinkedHashMap<>();
    private final Map<String, String> namespaces;
    private final String origin;

    /**
     * @param objects    the cluster's objects of the model's namespaces (and the test namespace)
     * @param namespaces the model's namespaces, logical name to generated name
     * @param podNames   the model's pods, {@code "x/a"}
     * @param origin     the call, for error messages
     * @throws IllegalArgumentException when the engine cannot compute the policies, or a model pod is missing
     */
    PolicyTable(PolicyModel objects, Map<String, String> namespaces, List<String> podNames, String origin) {
        this.engine = objects.engine();
        this.namespaces = Map.copyOf(namespaces);
        this.origin = origin;
        for (String name : podNames) {
            String[] parts = name.split("/", 2);
            String actual = namespaces.get(parts[0]) + "/" + parts[1];
            if (objects.unsupported().containsKey(actual)) {
                throw new IllegalStateException(origin + ": model pod " + name + " (" + actual + ") cannot be computed: "
                        + objects.unsupported().get(actual) + "; the model's pods must run on the pod network");
            }
            PodInfo pod = objects.pods().stream().filter(p -> p.display().equals(actual)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(origin + ": model pod " + name + " (" + actual
                            + ") is not in the cluster; was it deleted? NetTest.model(...) creates the model's pods"));
            pods.put(name, pod);
        }
    }

    /** {@code expected[source][column]}, the columns being (pod, port, protocol). */
    boolean[][] expected(List<String> sources, List<Expectations.Column> columns, String[][] reasons) {
        boolean[][] expected = new boolean[sources.size()][columns.size()];
        for (int s = 0; s < sources.size(); s++) {
            for (int c = 0; c < columns.size(); c++) {
                Expectations.Column column = columns.get(c);
                Verdict verdict = verdict(sources.get(s), column.pod(), column.port(), column.protocol());
                expected[s][c] = verdict.allowed();
                reasons[s][c] = readable(verdict.reason());
            }
        }
        return expected;
    }

    /** The engine's verdict and reason for one cell of model pods. */
    String explain(String from, String to, int port, TransportProtocol protocol) {
        String call = origin + ".explain(" + Misuse.render(from) + ", " + Misuse.render(to) + ", " + port + ", " + protocol + ")";
        for (String pod : List.of(from, to)) {
            if (!pods.containsKey(pod)) {
                throw Misuse.argument(call, "unknown pod " + Misuse.render(pod), "model pods: " + pods.keySet());
            }
        }
        return readable(verdict(from, to, port, protocol).reason());
    }

    private Verdict verdict(String from, String to, int port, TransportProtocol protocol) {
        return engine.explain(new Cell(pods.get(from), pods.get(to), port, Protocol.valueOf(protocol.name())));
    }

    /** {@code <generated namespace>/} as the logical {@code x/}. */
    private String readable(String reason) {
        String text = reason;
        for (Map.Entry<String, String> ns : namespaces.entrySet()) {
            text = text.replace(ns.getValue() + "/", ns.getKey() + "/");
        }
        return text;
    }

    /**
     * The cells where a hand-written table differs from the computed one (a pod to itself aside), one
     * line each with both verdicts and the engine's reason, after a count; empty when they agree.
     */
    static String differences(Expectations shape, boolean[][] written, boolean[][] computed, String[][] reasons) {
        StringBuilder wrong = new StringBuilder();
        int count = 0;
        for (int s = 0; s < computed.length; s++) {
            for (int c = 0; c < computed[s].length; c++) {
                Expectations.Column column = shape.columns().get(c);
                String source = shape.pods().get(s);
                if (written[s][c] != computed[s][c] && !source.equals(column.pod())) {
                    count++;
                    wrong.append("  ").append(source).append(" -> ").append(column.pod()).append(':').append(column.port())
                            .append('/').append(column.protocol().lower()).append(": hand-written ")
                            .append(written[s][c] ? "allow" : "deny").append(", NetworkPolicy API ").append(reasons[s][c])
                            .append('\n');
                }
            }
        }
        return count == 0 ? "" : count + " cell(s) differ:\n" + wrong;
    }
}
