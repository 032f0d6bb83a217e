package io.k8snettest.matrix;

import io.k8snettest.probe.BlockedRun;
import io.k8snettest.probe.ProbeOutcome;
import java.time.Duration;

/**
 * What the rounds of a matrix observed, cell by cell, and which cells still need probing. An
 * allowed cell is settled once reached in any round; a denied cell once it was blocked in every
 * round across the stability window ({@link BlockedRun}: rounds before the data plane converged may
 * have got through, and the notes say so). Pure, not thread-safe.
 */
final class MatrixObservations {

    private final boolean[][] expected;
    private final int[][] reachedInRound;
    private final int[][] lastExit;
    private final ProbeOutcome[][] lastOutcome;
    private final BlockedRun[][] denied;
    private final boolean[][] ignored;

    MatrixObservations(boolean[][] expected, Duration window) {
        this(expected, new boolean[expected.length][expected[0].length], window);
    }

    /** @param ignored cells that are not probed nor asserted (a pod's traffic to itself); they read as expected */
    MatrixObservations(boolean[][] expected, boolean[][] ignored, Duration window) {
        int rows = expected.length;
        int cols = expected[0].length;
        this.expected = expected;
        this.reachedInRound = new int[rows][cols];
        this.lastExit = new int[rows][cols];
        this.lastOutcome = new ProbeOutcome[rows][cols];
        this.denied = new BlockedRun[rows][cols];
        this.ignored = ignored;
        for (int s = 0; s < rows; s++) {
            for (int t = 0; t < cols; t++) {
                if (!expected[s][t]) {
                    denied[s][t] = new BlockedRun(window);
                }
            }
        }
    }

    /** Records the cell's probe of {@code round} (from 1), which started {@code at}. */
    void record(int s, int t, int round, Duration at, MatrixScript.Cell cell) {
        lastExit[s][t] = cell.exitCode();
        lastOutcome[s][t] = cell.outcome();
        if (cell.outcome() == ProbeOutcome.REACHED && reachedInRound[s][t] == 0) {
            reachedInRound[s][t] = round;
        }
        if (denied[s][t] != null) {
            denied[s][t].record(at, cell.outcome());
        }
    }

    /** Whether the cell still needs probes. */
    boolean open(int s, int t) {
        if (ignored[s][t]) {
            return false;
        }
        return expected[s][t] ? reachedInRound[s][t] == 0 : !denied[s][t].held();
    }

    boolean settled() {
        for (int s = 0; s < expected.length; s++) {
            for (int t = 0; t < expected[s].length; t++) {
                if (open(s, t)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code true}: reachable as observed (for a denied cell: not proven blocked for the window). */
    boolean[][] observed() {
        boolean[][] observed = new boolean[expected.length][];
        for (int s = 0; s < expected.length; s++) {
            observed[s] = new boolean[expected[s].length];
            for (int t = 0; t < expected[s].length; t++) {
                observed[s][t] = ignored[s][t] ? expected[s][t] : expected[s][t] ? reachedInRound[s][t] > 0 : !denied[s][t].held();
            }
        }
        return observed;
    }

    /**
     * The cell as a truth table shows it: {@code .} reached, {@code X} blocked, {@code ?} the probes
     * could not run (an exec failed: no verdict either way), {@code -} not probed (ignored).
     */
    String mark(int s, int t) {
        if (ignored[s][t]) {
            return "-";
        }
        if (expected[s][t]) {
            return reachedInRound[s][t] > 0 ? "." : lastOutcome[s][t] == ProbeOutcome.BLOCKED ? "X" : "?";
        }
        BlockedRun run = denied[s][t];
        return run.held() ? "X" : run.reached() > 0 ? "." : "?";
    }

    /** What a person needs to know about a cell beyond the verdict. */
    String note(int s, int t) {
        if (ignored[s][t]) {
            return "not probed (ignored)";
        }
        if (lastOutcome[s][t] == null) {
            return "never probed";
        }
        if (expected[s][t]) {
            return reachedInRound[s][t] > 0 ? "reached in round " + reachedInRound[s][t]
                    : "never reached; last exit " + lastExit[s][t] + (lastOutcome[s][t] == ProbeOutcome.ERROR ? " (probe could not run)" : "");
        }
        BlockedRun run = denied[s][t];
        String before = run.reached() == 0 ? "" : ", " + run.reached() + " round(s) got through first (first in round "
                + reachedInRound[s][t] + ")";
        if (run.held()) {
            return "blocked for " + run.window().toMillis() + " ms from " + run.heldFrom().orElseThrow().toMillis() + " ms" + before;
        }
        return "not blocked for the window: " + run.reached() + " of " + run.probes() + " probes got through, "
                + run.errors() + " could not run; last exit " + lastExit[s][t];
    }
}
