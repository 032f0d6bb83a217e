package io.k8snettest.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.TransportProtocol;
import io.k8snettest.probe.DefaultProbeClient;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The cells of a policy model's matrix: the model's pods as sources (rows, each probing from its own
 * container) x columns (target pod, port, protocol), and the expected allow ({@code true}) or deny of
 * each. A pod's cells to itself are not probed (loopback, as upstream ignores it).
 *
 * @param pods     the pods' names as rows read them, {@code "x/a"}
 * @param sources  the pods as probe clients, in the order of {@code pods}
 * @param columns  the targets, grouped by port and protocol
 * @param expected {@code expected[source][column]}
 * @param window   how long a denied cell must stay denied
 * @param reasons  {@code reasons[source][column]}: why the NetworkPolicy API expects the cell so, when the
 *                 table was computed from the policies; {@code null} for a hand-written table
 */
@API(status = INTERNAL, since = "0.1")
public record ModelCells(List<String> pods, List<DefaultProbeClient> sources, List<Column> columns, boolean[][] expected,
                         Duration window, String[][] reasons) {

    public ModelCells {
        pods = List.copyOf(pods);
        sources = List.copyOf(sources);
        columns = List.copyOf(columns);
    }

    /** A hand-written table: no reasons. */
    public ModelCells(List<String> pods, List<DefaultProbeClient> sources, List<Column> columns, boolean[][] expected,
                      Duration window) {
        this(pods, sources, columns, expected, window, null);
    }

    /** One target: a pod on its pod IP, a port and a protocol. */
    public record Column(String pod, String ip, int port, TransportProtocol protocol) {

        /** {@code x/a:80/tcp}. */
        public String label() {
            return pod + ":" + group();
        }

        /** {@code 80/tcp}: the columns of one truth table. */
        public String group() {
            return port + "/" + protocol.lower();
        }
    }

    boolean[][] loopback() {
        boolean[][] ignored = new boolean[pods.size()][columns.size()];
        for (int s = 0; s < pods.size(); s++) {
            for (int c = 0; c < columns.size(); c++) {
                ignored[s][c] = pods.get(s).equals(columns.get(c).pod());
            }
        }
        return ignored;
    }
}
