package io.k8snettest.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.TransportProtocol;
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
        boolean[][] observed = {{true, false, true, false}, {false, true, true, true}};

        assertThat(ModelTable.render(cells, observed, cells.loopback())).isEqualTo(ModelTable.LEGEND + "\n"
                + "port 80/tcp (as expected)\n"
                + "    x/a x/b\n"
                + "x/a -   X\n"
                + "x/b X   -\n"
                + "port 81/udp (1 wrong cell(s))\n"
                + "    x/a x/b\n"
                + "x/a -   X!\n"
                + "x/b .   -\n");
    }
}
