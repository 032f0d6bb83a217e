package io.k8snettest.matrix;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ProbeProtocol;
import java.time.Duration;
import java.util.List;

/**
 * A validated reachability matrix: sources (client identities) x targets (a service port, a pod's
 * port or an address and port: one column each) and the expected allow ({@code true}) or deny of
 * each cell. Pure.
 *
 * @param targetNames the columns' names: the target's name, with {@code :<port>} when one name has several ports
 * @param expected    {@code expected[source][target]}
 * @param window      how long a denied cell must stay denied
 * @param everyNode   the names of the sources that stand for one client per schedulable node ({@link NodeSources})
 */
record MatrixPlan(List<ClientSpec> sources, List<Target> targets, List<String> targetNames, boolean[][] expected,
                  Duration window, java.util.Set<String> everyNode) {

    /** What a column probes. */
    enum Kind {
        /** A service's ClusterIP on a service port ({@code -1}: its first). */
        SERVICE,
        /** A pod's IP on a port. */
        POD,
        /** An IP address on a port. */
        ADDRESS,
        /** The pods an equality selector matches, each on its IP; expanded into {@link #POD} columns when the matrix runs ({@link LabelTargets}). */
        LABELLED
    }

    /**
     * One column.
     *
     * @param namespace the logical name of a companion namespace, {@code null}: the test namespace
     * @param name      the service's or pod's name; the column's name for an address; the selector of a label target
     * @param ip        the address of an {@link Kind#ADDRESS} target, else {@code null}
     */
    record Target(Kind kind, String namespace, String name, String ip, int port, ProbeProtocol protocol) {

        /** A service of the test namespace. */
        Target(String service, int port, ProbeProtocol protocol) {
            this(Kind.SERVICE, null, service, null, port, protocol);
        }

        /** The name a person uses for it: {@code name}, or {@code <logical namespace>/<name>}. */
        String base() {
            return namespace == null ? name : namespace + "/" + name;
        }
    }

    MatrixPlan {
        sources = List.copyOf(sources);
        targets = List.copyOf(targets);
        targetNames = List.copyOf(targetNames);
        everyNode = java.util.Set.copyOf(everyNode);
    }

    boolean anyDenied() {
        for (boolean[] row : expected) {
            for (boolean allowed : row) {
                if (!allowed) {
                    return true;
                }
            }
        }
        return false;
    }
}
