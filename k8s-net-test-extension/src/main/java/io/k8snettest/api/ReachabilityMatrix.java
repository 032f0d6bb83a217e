package io.k8snettest.api;

import java.time.Duration;
import java.util.List;

/**
 * Sources x targets with the expected allow/deny of each cell. Probes run in parallel per source,
 * with all probes of one source batched into one {@code exec}. On mismatch the assertion error
 * carries the expected-vs-observed truth table and, per wrong cell, the {@code kubectl exec}
 * command that reproduces it. Either way the table is published as the JUnit report entry
 * {@code k8snet.matrix} of the test (or class) the {@link NetTest} was injected into.
 */
public interface ReachabilityMatrix {

    /** Builds and runs a matrix. */
    interface Builder {

        /** A source: a probe client with this identity. */
        Builder source(ClientSpec client);

        /**
         * Sources: one probe client of this identity on every schedulable node, each pinned to its node
         * ({@link Placement#onNode}) and named {@code <name>-<node>}; the rows are found when the matrix
         * runs. {@link #allow} with {@code client.name()} applies to each of them. Needs at least two
         * schedulable nodes ({@link #assertMatches()} fails at once otherwise, never probing from one node
         * only) and a client without a placement of its own.
         */
        Builder sourceOnEveryNode(ClientSpec client);

        /**
         * A target: a service of the test namespace on a port (-1: its first port), probed on its
         * ClusterIP. Declared again with another port, it is another column: each is then named
         * {@code <service>:<port>}, and {@link #allow} takes either name.
         */
        Builder service(String service, int port, ProbeProtocol protocol);

        /**
         * A target: a service of a companion namespace (its logical name, as in
         * {@link ClientSpec.Builder#inNamespace}) on a port; named {@code <namespace>/<service>}.
         */
        Builder service(String namespace, String service, int port, ProbeProtocol protocol);

        /**
         * A target: a pod, probed on its pod IP and {@code port}: {@code "web-0"} in the test
         * namespace or {@code "other/web-0"} in a companion namespace; named as given. When no source
         * may reach it, a port-forward to it first proves that it serves.
         */
        Builder pod(String pod, int port, ProbeProtocol protocol);

        /**
         * Targets: every pod of the test namespace that the equality label selector matches
         * ({@code "app=web"}, {@code "app=web,tier=front"}), each probed on its pod IP and {@code port}.
         * The pods are found when the matrix runs ({@link #assertMatches()}): one column per matching
         * pod (not terminating, not finished), named {@code <selector>[<pod>]}. Expectations are given
         * per selector: {@link #allow} and {@link #allowAllTo} take the selector as the target's name
         * (with {@code :<port>} for one port of several), and every matching pod gets that expectation.
         * No matching pod fails {@code assertMatches()} at once, naming the selector, the namespace and
         * the pods there. A pod that no source may reach first proves it serves through a port-forward.
         */
        Builder podsLabelled(String selector, int port, ProbeProtocol protocol);

        /**
         * {@link #podsLabelled(String, int, ProbeProtocol)} in a companion namespace (its logical name);
         * the target is named {@code <namespace>/<selector>}.
         */
        Builder podsLabelled(String namespace, String selector, int port, ProbeProtocol protocol);

        /**
         * A target: an IP address and port, named {@code name}. A denied cell needs a target that
         * provably serves, so at least one source must be allowed to reach it (it is the positive control).
         */
        Builder address(String name, String ip, int port, ProbeProtocol protocol);

        /**
         * Expect {@code source} to reach {@code target} (a target's name, or {@code name:port} of one
         * of its columns). Unlisted cells are expected denied.
         */
        Builder allow(String source, String target);

        /** Expect every source to reach {@code target}. */
        Builder allowAllTo(String target);

        /** How long a denied cell must stay denied (default {@value K8sNetTest#STABILITY_WINDOW_KEY}). */
        Builder stabilityWindow(Duration window);

        /** Probes every cell, fails with the truth table on any mismatch, returns the observed matrix. */
        Result assertMatches();
    }

    /**
     * The observed matrix.
     *
     * @param rounds   how many probing rounds it took (a round is at most one {@code exec} per source)
     * @param locality per cell, whether the probe crossed nodes ({@code locality[source][target]}, from the
     *                 pods' {@code spec.nodeName}); the table shows it too
     */
    record Result(List<String> sources, List<String> targets, boolean[][] expected, boolean[][] observed,
                  int execCalls, Duration elapsed, String table, int rounds, Locality[][] locality) {

        /** A result without localities (each {@link Locality#UNKNOWN}). */
        public Result(List<String> sources, List<String> targets, boolean[][] expected, boolean[][] observed,
                      int execCalls, Duration elapsed, String table, int rounds) {
            this(sources, targets, expected, observed, execCalls, elapsed, table, rounds,
                    unknown(sources.size(), targets.size()));
        }

        /** A result whose round count is not known (0). */
        public Result(List<String> sources, List<String> targets, boolean[][] expected, boolean[][] observed,
                      int execCalls, Duration elapsed, String table) {
            this(sources, targets, expected, observed, execCalls, elapsed, table, 0);
        }

        /** The locality of the cell {@code source} x {@code target} (their names). */
        public Locality locality(String source, String target) {
            int s = sources.indexOf(source);
            int t = targets.indexOf(target);
            if (s < 0 || t < 0) {
                throw new IllegalArgumentException("no cell " + source + " -> " + target + "; sources " + sources
                        + ", targets " + targets);
            }
            return locality[s][t];
        }

        private static Locality[][] unknown(int sources, int targets) {
            Locality[][] cells = new Locality[sources][targets];
            for (Locality[] row : cells) {
                java.util.Arrays.fill(row, Locality.UNKNOWN);
            }
            return cells;
        }

        @Override
        public String toString() {
            return table;
        }
    }
}
