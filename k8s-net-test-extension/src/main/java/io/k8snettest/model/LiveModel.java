package io.k8snettest.model;

import io.k8snettest.report.Publisher;
import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.matrix.ModelCells;
import io.k8snettest.plan.Misuse;
import io.k8snettest.probe.DefaultProbeClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The {@link PolicyModel} one test sees: the session's model, and that test's report publisher. */
final class LiveModel implements PolicyModel {

    private final Models models;
    private final Models.State state;
    private final Publisher reportEntries;

    LiveModel(Models models, Models.State state, Publisher reportEntries) {
        this.models = models;
        this.state = state;
        this.reportEntries = reportEntries;
    }

    @Override
    public ModelSpec spec() {
        return state.spec();
    }

    @Override
    public String namespace(String logicalName) {
        return known("namespace(" + Misuse.render(logicalName) + ")", "namespace", logicalName, state.namespaces());
    }

    @Override
    public String podIp(String pod) {
        return known("podIp(" + Misuse.render(pod) + ")", "pod", pod, state.ips());
    }

    @Override
    public void setPodLabels(String pod, Map<String, String> labels) {
        known("setPodLabels(" + Misuse.render(pod) + ", ...)", "pod", pod, state.ips());
        state.changedPods().add(pod);
        models.setPodLabels(pod, labels);
    }

    @Override
    public void setNamespaceLabels(String logicalName, Map<String, String> labels) {
        known("setNamespaceLabels(" + Misuse.render(logicalName) + ", ...)", "namespace", logicalName, state.namespaces());
        state.changedNamespaces().add(logicalName);
        models.setNamespaceLabels(logicalName, labels);
    }

    @Override
    public Expectation expect() {
        return new Expect();
    }

    @Override
    public ComputedExpectation expectFromPolicies() {
        return new ComputedExpect(models, state, reportEntries);
    }

    /** A positive stability window, or a misuse naming {@code call}. */
    static Duration checkedWindow(String call, Duration window) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw Misuse.argument(call, "window=" + window + " must be positive",
                    "pass e.g. Duration.ofSeconds(3), or omit it for the configured stability window");
        }
        return window;
    }

    private static String known(String call, String what, String name, Map<String, String> known) {
        String value = known.get(name);
        if (value == null) {
            throw Misuse.argument("PolicyModel." + call, "unknown " + what + " " + Misuse.render(name),
                    "model " + what + "s: " + known.keySet());
        }
        return value;
    }

    /** The expectation builder: rules into {@link Expectations}, then the model's cells into the runner. */
    final class Expect implements Expectation {

        private final Expectations expectations = new Expectations(state.spec());
        private Duration window = models.defaultWindow();

        @Override
        public Expectation allowAll() {
            expectations.set(true);
            return this;
        }

        @Override
        public Expectation denyAll() {
            expectations.set(false);
            return this;
        }

        @Override
        public Expectation allow(String from, String to) {
            expectations.set(true, from, to);
            return this;
        }

        @Override
        public Expectation deny(String from, String to) {
            expectations.set(false, from, to);
            return this;
        }

        @Override
        public Expectation stabilityWindow(Duration window) {
            this.window = checkedWindow("PolicyModel.expect().stabilityWindow(...)", window);
            return this;
        }

        /** The rules so far, as a table. */
        Expectations table() {
            return expectations;
        }

        @Override
        public ReachabilityMatrix.Result assertMatches() {
            List<String> pods = expectations.pods();
            List<DefaultProbeClient> sources = pods.stream().map(state.sources()::get).toList();
            List<ModelCells.Column> columns = expectations.columns().stream()
                    .map(c -> new ModelCells.Column(c.pod(), state.ips().get(c.pod()), c.port(), c.protocol())).toList();
            return models.runner().run(new ModelCells(pods, sources, columns, expectations.expected(), window), reportEntries);
        }
    }
}
