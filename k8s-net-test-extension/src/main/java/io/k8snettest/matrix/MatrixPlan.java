package io.k8snettest.matrix;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ProbeProtocol;
import java.time.Duration;
import java.util.List;

/**
 * A validated reachability matrix: sources (client identities) x targets (service ports) and the
 * expected allow ({@code true}) or deny of each cell. Pure.
 *
 * @param expected {@code expected[source][target]}
 * @param window   how long a denied cell must stay denied
 */
record MatrixPlan(List<ClientSpec> sources, List<Target> targets, boolean[][] expected, Duration window) {

    /** A service of the test namespace on a port ({@code -1}: its first) spoken to over TCP or HTTP. */
    record Target(String service, int port, ProbeProtocol protocol) {
    }

    MatrixPlan {
        sources = List.copyOf(sources);
        targets = List.copyOf(targets);
    }

    List<String> targetNames() {
        return targets.stream().map(Target::service).toList();
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
