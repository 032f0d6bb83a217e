package io.k8snettest.probe;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.DeploymentHandle;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.k8s.ReadinessWaiter;
import io.k8snettest.k8s.ResourceApplier;
import io.k8snettest.plan.ManifestLoader;
import io.k8snettest.plan.ManifestSpec;
import io.k8snettest.plan.ResourcePlan;
import java.time.Duration;
import java.util.List;

/** The injectable handle of one test class's namespace. */
final class DefaultNetTest implements NetTest {

    private final KubernetesClient client;
    private final String namespace;
    private final RuntimeSettings settings;
    private final ProbeClients clients;
    private final ReadinessWaiter readiness;
    private final ResourceApplier applier;
    private final EndpointHealer healer;
    private final Class<?> anchor;
    private final MatrixRunner matrices;

    DefaultNetTest(KubernetesClient client, String namespace, RuntimeSettings settings, ProbeClients clients,
                   ReadinessWaiter readiness, ResourceApplier applier, EndpointHealer healer, Class<?> anchor,
                   MatrixRunner matrices) {
        this.client = client;
        this.namespace = namespace;
        this.settings = settings;
        this.clients = clients;
        this.readiness = readiness;
        this.applier = applier;
        this.healer = healer;
        this.anchor = anchor;
        this.matrices = matrices;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public KubernetesClient kubernetesClient() {
        return client;
    }

    @Override
    public ServiceHandle service(String name) {
        return new DefaultServiceHandle(client, namespace, name, healer);
    }

    @Override
    public DeploymentHandle deployment(String name) {
        return new DefaultDeploymentHandle(client, namespace, name, readiness);
    }

    @Override
    public ProbeClient client(String name) {
        return clients.get(ClientSpec.named(name).build());
    }

    @Override
    public ProbeClient client(ClientSpec spec) {
        return clients.get(spec);
    }

    @Override
    public ProbeClient existingPod(String podName) {
        return clients.existing(podName);
    }

    /** Applies and waits; the objects go with the namespace after the class (or with {@link #deleteManifest}). */
    @Override
    public void applyManifest(String location) {
        applier.apply(new ResourcePlan(List.of(load(location)), List.of(), List.of(), List.of()));
    }

    @Override
    public void deleteManifest(String location) {
        applier.deleteAndAwait(load(location).resources());
    }

    private ManifestSpec load(String location) {
        return ManifestLoader.load(location, anchor, true, "NetTest.applyManifest(\"" + location + "\") in " + anchor.getName());
    }

    @Override
    public ReachabilityMatrix.Builder matrix() {
        return new DefaultMatrixBuilder(settings.stabilityWindow(), matrices::run);
    }

    @Override
    public Duration probeTimeout() {
        return settings.probeTimeout();
    }

    @Override
    public Duration stabilityWindow() {
        return settings.stabilityWindow();
    }

    @Override
    public String toString() {
        return "NetTest(namespace " + namespace + ")";
    }
}
