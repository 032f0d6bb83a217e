package io.k8snettest.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.report.Publisher;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.k8s.Waits;
import io.k8snettest.probe.ProbeContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Runs a policy model's matrix ({@link ModelCells}): the canary when a cell is denied, then rounds
 * ({@link MatrixRounds}) in which every source pod probes all of its open cells in one exec
 * ({@link MatrixScript#connect}). The model's pods serve every cell, so no separate positive control
 * is needed: a target that does not serve fails its allowed cells.
 */
@API(status = INTERNAL, since = "0.1")
public final class ModelMatrixRunner {

    /** A connect's own timeout, as upstream's suite uses. */
    static final int CONNECT_TIMEOUT_SECONDS = 1;

    /** What a mismatch of a table computed from the policies means. */
    static final String COMPUTED = "the expected table was computed from the NetworkPolicies in the cluster, so the CNI"
            + " disagrees with the NetworkPolicy API (networking.k8s.io/v1) on these cells: each one below says what the"
            + " API allows and why, what the data plane did, and how to reproduce it\n";

    private final Runnable policyGate;
    private final Duration timeout;
    private final Supplier<String> diagnostics;

    public ModelMatrixRunner(ProbeContext context) {
        this.policyGate = context.policyGate();
        this.timeout = context.settings().probeTimeout();
        this.diagnostics = context.diagnostics();
    }

    /** Probes every cell; its truth tables go to {@code reportEntries} under {@value MatrixRunner#REPORT_KEY}. */
    public ReachabilityMatrix.Result run(ModelCells cells, Publisher reportEntries) {
        boolean[][] ignored = cells.loopback();
        if (anyDenied(cells.expected(), ignored)) {
            policyGate.run();
        }
        List<MatrixScript.Probe> probes = cells.columns().stream()
                .map(c -> MatrixScript.connect(c.label(), c.ip(), c.port(), c.protocol(), CONNECT_TIMEOUT_SECONDS)).toList();
        MatrixObservations observations = new MatrixObservations(cells.expected(), ignored, cells.window());
        Duration limit = timeout.compareTo(cells.window()) > 0 ? timeout : cells.window();
        String shape = cells.pods().size() + " x " + cells.columns().size();
        ExecutorService pool = MatrixRounds.pool(cells.sources().size());
        MatrixRounds.Outcome outcome;
        try {
            outcome = MatrixRounds.run("policy model matrix " + shape + " settled", cells.sources(), probes, observations,
                    limit, pool);
        } finally {
            pool.shutdownNow();
        }
        boolean[][] observed = observations.observed();
        String summary = outcome.summary(shape, cells.window());
        String table = summary + ModelTable.render(cells, observations);
        reportEntries.entry(MatrixRunner.REPORT_KEY, table);
        reportEntries.html(MatrixPictures.FILE_NAME, MatrixPictures.page(cells, observed, observations, summary));
        String wrong = MatrixRounds.wrongCells(cells.pods(), cells.sources(), probes, cells.expected(), cells.reasons(),
                observations, observed);
        if (!wrong.isEmpty()) {
            throw new AssertionError("policy model matrix does not match: " + table + (cells.reasons() == null ? ""
                    : COMPUTED) + "wrong cells:\n" + wrong + Waits.safe(diagnostics));
        }
        List<String> labels = cells.columns().stream().map(ModelCells.Column::label).toList();
        return new ReachabilityMatrix.Result(cells.pods(), labels, cells.expected(), observed, outcome.execCalls(),
                outcome.elapsed(), table, outcome.rounds());
    }

    private static boolean anyDenied(boolean[][] expected, boolean[][] ignored) {
        for (int s = 0; s < expected.length; s++) {
            for (int c = 0; c < expected[s].length; c++) {
                if (!expected[s][c] && !ignored[s][c]) {
                    return true;
                }
            }
        }
        return false;
    }
}
