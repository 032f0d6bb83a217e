package io.k8snettest.model;

import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.api.TransportProtocol;
import io.k8snettest.matrix.ModelCells;
import io.k8snettest.plan.Misuse;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.report.Publisher;
import java.time.Duration;
import java.util.List;

/**
 * {@link PolicyModel#expectFromPolicies()}: the model's table as the policy engine computes it from
 * the cluster's objects when it is created, each cell with its reason; then compared with a
 * hand-written table, or probed by the same runner as {@link PolicyModel.Expectation}.
 */
final class ComputedExpect implements PolicyModel.ComputedExpectation {

    static final String CALL = "PolicyModel.expectFromPolicies()";
    static final String REPORT_KEY = "k8snet.model.computed";

    private final Models models;
    private final Models.State state;
    private final Publisher reportEntries;
    private final Expectations shape;
    private final PolicyTable table;
    private final boolean[][] expected;
    private final String[][] reasons;
    private Duration window;

    ComputedExpect(Models models, Models.State state, Publisher reportEntries) {
        this.models = models;
        this.state = state;
        this.reportEntries = reportEntries;
        long start = System.nanoTime();
        this.shape = new Expectations(state.spec());
        io.k8snettest.netpol.PolicyModel objects = models.policyObjects();
        this.table = new PolicyTable(objects, state.namespaces(), shape.pods(), CALL);
        this.reasons = new String[shape.pods().size()][shape.columns().size()];
        this.expected = table.expected(shape.pods(), shape.columns(), reasons);
        this.window = models.defaultWindow();
        reportEntries.entry(REPORT_KEY, shape.pods().size() * shape.columns().size() + " cells computed from "
                + objects.policies().size() + " NetworkPolicy object(s) (read and computed in "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms)");
    }

    @Override
    public PolicyModel.ComputedExpectation stabilityWindow(Duration window) {
        this.window = LiveModel.checkedWindow(CALL + ".stabilityWindow(...)", window);
        return this;
    }

    @Override
    public PolicyModel.ComputedExpectation assertSameAs(PolicyModel.Expectation handWritten) {
        String wrong = PolicyTable.differences(shape, handWritten(handWritten).expected(), expected, reasons);
        if (!wrong.isEmpty()) {
            throw new AssertionError(CALL + ".assertSameAs(...): the hand-written table and the one computed from the"
                    + " NetworkPolicies differ (nothing was probed); either the hand-written expectation or the policies"
                    + " are not what the test means:\n" + wrong);
        }
        return this;
    }

    /** The table of a builder {@code model.expect()} returned; anything else is a misuse. */
    static Expectations handWritten(PolicyModel.Expectation handWritten) {
        if (!(handWritten instanceof LiveModel.Expect expect)) {
            throw Misuse.argument(CALL + ".assertSameAs(" + handWritten + ")", "it is not an expectation of this model",
                    "pass the builder model.expect() returned, e.g. assertSameAs(model.expect().deny(\"*\", \"x\"))");
        }
        return expect.table();
    }

    @Override
    public String explain(String from, String to, int port, TransportProtocol protocol) {
        return table.explain(from, to, port, protocol);
    }

    @Override
    public ReachabilityMatrix.Result assertMatches() {
        List<DefaultProbeClient> sources = shape.pods().stream().map(state.sources()::get).toList();
        List<ModelCells.Column> columns = shape.columns().stream()
                .map(c -> new ModelCells.Column(c.pod(), state.ips().get(c.pod()), c.port(), c.protocol())).toList();
        return models.runner().run(new ModelCells(shape.pods(), sources, columns, expected, window, reasons), reportEntries);
    }
}
