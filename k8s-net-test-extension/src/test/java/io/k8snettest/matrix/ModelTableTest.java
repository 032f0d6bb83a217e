package io.k8snettest.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.TransportProtocol;
import io.k8snettest.probe.ProbeOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTableTest {

    @Test
    void oneTablePerPortAndProtocolWithLoopbackNotProbedAndWrongCellsMarked() {
        List<ModelCells.Column> columns = List.of(
                new ModelCells.Column("x/a", "10.0.0.1", 80, TransportProtocol.TCP),
                new ModelCells.Column("x/b", "10.0.0.2", 80, TransportProtocol.TCP),
                new ModelCells.Column("x/a", "10.0.0.1", 81, TransportProtocol.UDP),
                new ModelCells.Column("x/b", "10.0.0.2", 81, TransportProtocol.UDP));
        boolean[][] expected = {{true, false, true, true}, {false, true, true, true}};
        ModelCells cells = new ModelCells(List.of("x/a", "x/b"), List.of(), columns, expected, Duration.ofSeconds(3));
        MatrixObservations observations = new MatrixObservations(expected, cells.loopback(), Duration.ofSeconds(3));
        MatrixScript.Cell ok = new MatrixScript.Cell(ProbeOutcome.REACHED, 0);
        MatrixScript.Cell blocked = new MatrixScript.Cell(ProbeOutcome.BLOCKED, 1);
        MatrixScript.Cell error = new MatrixScript.Cell(ProbeOutcome.ERROR, -1);
        observations.record(0, 1, 1, Duration.ZERO, blocked);            // x/a -> x/b:80 denied, blocked
        observations.record(0, 1, 2, Duration.ofSeconds(4), blocked);    // ... across the window
        observations.record(1, 0, 1, Duration.ZERO, blocked);            // x/b -> x/a:80 denied, blocked
        observations.record(1, 0, 2, Duration.ofSeconds(4), blocked);
        observations.record(0, 3, 1, Duration.ZERO, blocked);            // x/a -> x/b:81/udp allowed, blocked: wrong
        observations.record(1, 2, 1, Duration.ZERO, error);              // x/b -> x/a:81/udp allowed, could not run: wrong

        assertThat(ModelTable.render(cells, observations)).isEqualTo(ModelTable.LEGEND + "\n"
                + "port 80/tcp (as expected)\n"
                + "    x/a x/b\n"
                + "x/a -   X\n"
                + "x/b X   -\n"
                + "port 81/udp (2 wrong cell(s))\n"
                + "    x/a x/b\n"
                + "x/a -   X!\n"
                + "x/b ?!  -\n");
    }
}
