package io.k8snettest.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.probe.ProbeOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MatrixObservationsTest {

    private static final MatrixScript.Cell OK = new MatrixScript.Cell(ProbeOutcome.REACHED, 0);
    private static final MatrixScript.Cell FAIL = new MatrixScript.Cell(ProbeOutcome.BLOCKED, 1);
    private static final MatrixScript.Cell NO_LINE = new MatrixScript.Cell(ProbeOutcome.ERROR, -1);

    /** source 0 may reach target 0 only; source 1 nothing. */
    private final MatrixObservations obs = new MatrixObservations(new boolean[][] {{true, false}, {false, false}},
            Duration.ofSeconds(5));

    @Test
    void allowedCellsSettleWhenReachedInAnyRoundDeniedOnesAfterAWholeWindow() {
        round(1, 0, FAIL, FAIL, FAIL, FAIL);
        assertThat(obs.open(0, 0)).isTrue();
        round(2, 3_000, OK, FAIL, FAIL, FAIL);
        assertThat(obs.open(0, 0)).as("reached in round 2").isFalse();
        assertThat(obs.settled()).isFalse();

        round(3, 6_000, null, FAIL, FAIL, FAIL);

        assertThat(obs.settled()).isTrue();
        assertThat(obs.observed()).isDeepEqualTo(new boolean[][] {{true, false}, {false, false}});
        assertThat(obs.note(0, 0)).isEqualTo("reached in round 2");
        assertThat(obs.note(0, 1)).isEqualTo("blocked for 5000 ms from 0 ms");
    }

    @Test
    void aDeniedCellThatGotThroughBeforeConvergingSaysSo() {
        round(1, 0, OK, OK, FAIL, FAIL);
        round(2, 3_000, null, FAIL, FAIL, FAIL);
        round(3, 8_000, null, FAIL, FAIL, FAIL);

        assertThat(obs.observed()[0][1]).isFalse();
        assertThat(obs.note(0, 1)).isEqualTo("blocked for 5000 ms from 3000 ms, 1 round(s) got through first (first in round 1)");
    }

    @Test
    void unsettledCellsAreMismatchesWithTheReason() {
        round(1, 0, NO_LINE, OK, FAIL, NO_LINE);
        round(2, 3_000, FAIL, OK, FAIL, NO_LINE);

        boolean[][] observed = obs.observed();
        assertThat(observed[0][0]).as("allowed, never reached").isFalse();
        assertThat(observed[0][1]).as("denied, got through").isTrue();
        assertThat(observed[1][1]).as("denied, never probed successfully: not proven blocked").isTrue();
        assertThat(obs.note(0, 0)).isEqualTo("never reached; last exit 1");
        assertThat(obs.note(0, 1)).isEqualTo("not blocked for the window: 2 of 2 probes got through, 0 could not run; last exit 0");
        assertThat(obs.note(1, 1)).isEqualTo("not blocked for the window: 0 of 2 probes got through, 2 could not run; last exit -1");
        assertThat(new MatrixObservations(new boolean[][] {{true}}, Duration.ofSeconds(1)).note(0, 0)).isEqualTo("never probed");
    }

    private void round(int round, long atMillis, MatrixScript.Cell c00, MatrixScript.Cell c01, MatrixScript.Cell c10,
                       MatrixScript.Cell c11) {
        MatrixScript.Cell[][] cells = {{c00, c01}, {c10, c11}};
        for (int s = 0; s < 2; s++) {
            for (int t = 0; t < 2; t++) {
                if (cells[s][t] != null) {
                    obs.record(s, t, round, Duration.ofMillis(atMillis), cells[s][t]);
                }
            }
        }
    }

    @Test
    void ignoredCellsAreNeverOpenReadAsExpectedAndSaySo() {
        MatrixObservations loopback = new MatrixObservations(new boolean[][] {{false, false}},
                new boolean[][] {{true, false}}, Duration.ofSeconds(1));

        assertThat(loopback.open(0, 0)).isFalse();
        assertThat(loopback.open(0, 1)).isTrue();
        assertThat(loopback.observed()[0][0]).isFalse();
        assertThat(loopback.note(0, 0)).isEqualTo("not probed (ignored)");
    }
}
