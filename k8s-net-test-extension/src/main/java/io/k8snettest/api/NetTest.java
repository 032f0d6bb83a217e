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

    /**
     * Replaces the user labels of the test namespace (those of {@link K8sNetTest#namespaceLabels()}
     * included) with {@code labels}, e.g. {@code Map.of("ns", "x")}; they stay for the rest of the
     * class. The extension's labels and {@code kubernetes.io/metadata.name} stay as they are.
     *
     * @throws IllegalArgumentException for an invalid label, or one of those the extension or the API server owns
     */
    void setNamespaceLabels(java.util.Map<String, String> labels);

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
     * One probe client of this identity on every schedulable node, each pinned to its node ({@link Placement#onNode})
     * and named {@code <name>-<node>}, in node name order; created on first use and reused. See README "Node placement".
     *
     * @throws IllegalArgumentException when the cluster has fewer than two schedulable nodes (a check "from every
     *                                  node" would never cross nodes), or the spec carries a placement of its own
     */
    java.util.List<ProbeClient> clientsOnEveryNode(ClientSpec spec);

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
     * Explains, without probing, what the NetworkPolicies decide for one connection: reads the
     * policies, pods and namespaces of the source's and the target's namespaces and computes the
     * verdict with {@code networking.k8s.io/v1} semantics (see README "Computing expectations from
     * policies"). Also published as the report entry {@code k8snet.policy.explain}.
     *
     * @param source {@code pod} (test namespace), {@code namespace/pod}, or an IP outside the cluster
     * @param target the same forms
     * @param port the destination port
     * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
     * @throws IllegalArgumentException for an unknown pod, a policy the engine cannot compute (e.g. an
     *                                  AdminNetworkPolicy in the cluster), naming it and the fix
     */
    PolicyExplanation explainPolicy(String source, String target, int port, String protocol);

    /** {@link #explainPolicy(String, String, int, String)} over TCP. */
    default PolicyExplanation explainPolicy(String source, String target, int port) {
        return explainPolicy(source, target, port, "TCP");
    }

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

    /**
     * Loads an image into the cluster now, as {@link LoadImage} does before a class's workloads: a tarball
     * path (docker-archive or OCI archive), an OCI layout directory or {@code docker://<reference>}; once per
     * cluster and run. Workloads applied afterwards find it on the nodes; a manifest's container needs
     * {@code imagePullPolicy: IfNotPresent} for a {@code :latest} tag (a {@link WithDeployment} gets it by default).
     */
    void loadImage(String image);
}
