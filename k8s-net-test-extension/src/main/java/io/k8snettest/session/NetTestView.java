package io.k8snettest.session;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.DeploymentHandle;
import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.PolicyExplanation;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.plan.ManifestLoader;
import io.k8snettest.plan.ManifestSpec;
import io.k8snettest.plan.ResourcePlan;
import io.k8snettest.report.Publisher;
import java.time.Duration;
import java.util.List;

/**
 * The injectable {@link NetTest} of one test class's namespace, as one test sees it: the session's
 * parts, and that test's report publisher (so concurrent tests never publish into each other).
 */
final class NetTestView implements NetTest {

    /** The client whose pod tells the cluster's DNS domain (the default probe client of checks and healing). */
    static final String DEFAULT_CLIENT = "probe";

    private final NamespaceSession session;
    private final Publisher reportEntries;

    NetTestView(NamespaceSession session, Publisher reportEntries) {
        this.session = session;
        this.reportEntries = reportEntries;
    }

    @Override
    public void loadImage(String image) {
        session.loadImage(image);
    }

    @Override
    public String namespace() {
        return session.namespace();
    }

    @Override
    public void setNamespaceLabels(java.util.Map<String, String> labels) {
        session.setNamespaceLabels(io.k8snettest.plan.TestNamespaceLabels.check("NetTest.setNamespaceLabels("
                + labels + ") on namespace " + namespace(), java.util.Objects.requireNonNull(labels, "labels")));
    }

    @Override
    public KubernetesClient kubernetesClient() {
        return session.client();
    }

    @Override
    public ServiceHandle service(String name) {
        return new LiveServiceHandle(session.client(), namespace(), name, session.healer, reportEntries,
                () -> session.clients.get(ClientSpec.named(DEFAULT_CLIENT).build()).clusterDomain());
    }

    @Override
    public DeploymentHandle deployment(String name) {
        return new LiveDeploymentHandle(session.client(), namespace(), name, session.readiness);
    }

    @Override
    public ProbeClient client(String name) {
        return session.clients.get(ClientSpec.named(name).build());
    }

    @Override
    public ProbeClient client(ClientSpec spec) {
        return session.clients.get(spec);
    }

    @Override
    public List<ProbeClient> clientsOnEveryNode(ClientSpec spec) {
        return List.copyOf(session.clients.onEveryNode(java.util.Objects.requireNonNull(spec, "spec"),
                "NetTest.clientsOnEveryNode(" + spec.name() + ")"));
    }

    @Override
    public ProbeClient existingPod(String podName) {
        return session.clients.existing(podName);
    }

    /** Applies and waits; the objects go with the namespace after the class (or with {@link #deleteManifest}). */
    @Override
    public void applyManifest(String location) {
        session.applier.apply(new ResourcePlan(List.of(load(location)), List.of(), List.of(), List.of()));
    }

    @Override
    public void deleteManifest(String location) {
        session.applier.deleteAndAwait(load(location).resources());
    }

    private ManifestSpec load(String location) {
        Class<?> anchor = session.anchor();
        return ManifestLoader.load(location, anchor, true, "NetTest.applyManifest(\"" + location + "\") in " + anchor.getName());
    }

    @Override
    public ReachabilityMatrix.Builder matrix() {
        return session.matrices.builder(stabilityWindow(), reportEntries);
    }

    @Override
    public PolicyExplanation explainPolicy(String source, String target, int port, String protocol) {
        PolicyExplanation explanation = PolicyExplaining.explain(session.client(), namespace(), source, target, port, protocol);
        reportEntries.entry("k8snet.policy.explain", explanation.reason());
        return explanation;
    }

    @Override
    public PolicyModel model(ModelSpec spec) {
        return session.models.get(java.util.Objects.requireNonNull(spec, "spec"), reportEntries);
    }

    @Override
    public Duration probeTimeout() {
        return session.context.settings().probeTimeout();
    }

    @Override
    public Duration stabilityWindow() {
        return session.context.settings().stabilityWindow();
    }

    @Override
    public String toString() {
        return "NetTest(namespace " + namespace() + ")";
    }
}
