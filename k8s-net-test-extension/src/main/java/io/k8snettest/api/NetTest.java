package io.k8snettest.api;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/**
 * Programmatic access to the test's cluster and namespace; inject it as a test method, constructor
 * or lifecycle method parameter. Also injectable on their own: {@link KubernetesClient} and the
 * namespace as a {@code String} parameter annotated with {@link TestNamespace}.
 *
 * <p>The handle belongs to the extension: do not close the client.
 */
public interface NetTest {

    /** The test class's namespace. */
    String namespace();

    /** A client for the test's cluster (owned by the extension). */
    KubernetesClient kubernetesClient();

    /** A service in the test namespace. Fails if it does not exist. */
    ServiceHandle service(String name);

    /** A deployment in the test namespace. Fails if it does not exist. */
    DeploymentHandle deployment(String name);

    /** The probe client with this name in the test namespace, created on first use and reused. */
    ProbeClient client(String name);

    /** A probe client with the given identity, created on first use and reused. */
    ProbeClient client(ClientSpec spec);

    /**
     * A pod that already runs, used as a client with its own IP and labels (a server probing others):
     * {@code "web-0"} in the test namespace, {@code "other/web-0"} in companion namespace {@code other}.
     * Its first container probes; its image needs {@code sh} and {@code wget}/{@code nc}.
     */
    ProbeClient existingPod(String podName);

    /** Applies a manifest (classpath resource or file) into the test namespace and waits for its deployments. Removed after the test class. */
    void applyManifest(String location);

    /** Deletes what a manifest declares from the test namespace and waits until it is gone. */
    void deleteManifest(String location);

    /** Builder for a reachability matrix (sources x targets with expected allow/deny). */
    ReachabilityMatrix.Builder matrix();

    /**
     * The class's NetworkPolicy test model ({@link ModelSpec#standard()}: namespaces x, y, z with pods
     * a, b, c serving TCP 80 and 81): created on the first call of the test class, reused by every
     * later one with the spec's labels restored. Use the same spec in every test of a class.
     */
    PolicyModel model(ModelSpec spec);

    /** The configured bound for positive probes ({@value K8sNetTest#PROBE_TIMEOUT_KEY}). */
    Duration probeTimeout();

    /** The configured stability window for negative checks ({@value K8sNetTest#STABILITY_WINDOW_KEY}). */
    Duration stabilityWindow();
}
