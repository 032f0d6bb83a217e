package io.k8snettest.api;

import io.k8snettest.junit.K8sNetTestExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Entry point of k8s-net-test: runs the annotated test class against a real Kubernetes cluster.
 *
 * <p>Each test class gets its own namespace; {@link WithManifest}, {@link WithDeployment} and
 * {@link ExposeService} declare what is created in it, {@link ReachableFrom} and
 * {@link NotReachableFrom} what must (not) be reachable, and a {@link NetTest} parameter gives
 * programmatic access. Works as a meta-annotation, on {@code @Nested} classes and under JUnit's
 * parallel execution.
 *
 * <p>Every setting resolves in one order: the annotation attribute (unless it holds its
 * default sentinel), then the JUnit configuration parameter or system property {@code k8snet.*},
 * then the environment variable {@code K8SNET_*} (upper case, dots and dashes as underscores),
 * then the default. The keys are the constants of this annotation whose names end in {@code _KEY}
 * (the one list of known settings: an unknown {@code k8snet.*} key fails the run).
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(K8sNetTestExtension.class)
public @interface K8sNetTest {

    /** Which cluster to use: {@code auto}, {@code k3s}, {@code kubeconfig}, or the class name of a
     * {@link io.k8snettest.cluster.ClusterProvider}. Default {@code auto}: a kubeconfig when
     * {@value #KUBECONFIG_KEY} is set, otherwise k3s when Docker is available. */
    String CLUSTER_KEY = "k8snet.cluster";
    /** Path of the kubeconfig file for {@code kubeconfig} mode. Default: {@code $KUBECONFIG}, then {@code ~/.kube/config}. */
    String KUBECONFIG_KEY = "k8snet.kubeconfig";
    /** Context inside the kubeconfig. Default: the file's current context. */
    String CONTEXT_KEY = "k8snet.context";
    /** Comma-separated globs ({@code *}, {@code ?}) of the kubeconfig contexts the tests may use; any other context,
     * also the current one picked implicitly, is refused before the first request. Default: unset (any context).
     * Ignored in {@code k3s} mode, whose cluster the run starts and throws away itself. */
    String ALLOWED_CONTEXTS_KEY = "k8snet.allowed-contexts";
    /** When {@code true}, a missing cluster fails the tests instead of skipping them. Default {@code false}. */
    String REQUIRE_CLUSTER_KEY = "k8snet.require-cluster";
    /** The k3s image for {@code k3s} mode (also for mirrored registries). Default {@value #DEFAULT_K3S_IMAGE}. */
    String K3S_IMAGE_KEY = "k8snet.k3s.image";
    /** Opt-in Testcontainers reuse of the k3s container for fast local loops. Default {@code false}. */
    String K3S_REUSE_KEY = "k8snet.k3s.reuse";
    /** Bound for the k3s container (and its agents) to start, every node to be Ready and CoreDNS to be available.
     * Default {@code 3m} (a cold pull of the k3s image included). */
    String K3S_STARTUP_TIMEOUT_KEY = "k8snet.k3s.startup-timeout";
    /** Extra arguments of {@code k3s server}, separated by spaces, e.g. {@code --flannel-backend=none
     * --disable-network-policy} to install your own CNI. Default: none. */
    String K3S_SERVER_ARGS_KEY = "k8snet.k3s.server-args";
    /** Path of a k3s {@code registries.yaml} (mirrors, credentials) for the k3s container. Default: none. */
    String K3S_REGISTRIES_KEY = "k8snet.k3s.registries";
    /** How many k3s agent containers join the k3s server as further nodes (one Docker network), {@code 0} to
     * {@code 4}. Default {@code 0}: a single node. */
    String K3S_AGENTS_KEY = "k8snet.k3s.agents";
    /** Images to load into the cluster before the first test class, separated by commas: tarball paths
     * (docker-archive or OCI archive, e.g. Jib's {@code buildTar}, {@code docker save}), OCI layout
     * directories, or {@code docker://<reference>} from the local Docker daemon. See {@link LoadImage}. */
    String IMAGES_KEY = "k8snet.images";
    /** In {@code kubeconfig} mode, the command that loads an image tarball into the cluster's nodes, with
     * {@code {archive}} for its path, e.g. {@code kind load image-archive {archive}}. Default: none (images
     * cannot be loaded; the nodes must pull them from a registry). */
    String IMAGES_LOAD_COMMAND_KEY = "k8snet.images.load-command";
    /** When to keep a test class's namespace: {@code never}, {@code on-failure}, {@code always}. Default {@code never}. */
    String KEEP_NAMESPACE_KEY = "k8snet.namespace.keep";
    /**
     * How a finished test class's namespace is deleted: {@code background} (default) requests the
     * deletion and lets the next classes run while it completes, verifying every namespace gone
     * before the run ends; {@code wait} waits in the class's {@code afterAll} until it is gone.
     */
    String NAMESPACE_DELETE_KEY = "k8snet.namespace.delete";
    /** Prefix of generated namespace names. Default {@code k8snet}. */
    String NAMESPACE_PREFIX_KEY = "k8snet.namespace.prefix";
    /** Age after which a namespace of ours left by a killed run is removed at start. Default {@code 1h}. */
    String STALE_NAMESPACE_AGE_KEY = "k8snet.namespace.stale-after";
    /** Image of the probe pods. Default {@value #DEFAULT_PROBE_IMAGE}. */
    String PROBE_IMAGE_KEY = "k8snet.probe.image";
    /**
     * Whether probes run through one long-lived exec per client container (a round trip each) instead
     * of an exec each. Default {@code true}.
     */
    String PROBE_CHANNEL_KEY = "k8snet.probe.channel";
    /** Bound for deployments, pods and endpoints to become ready. Default {@code 3m}. */
    String READY_TIMEOUT_KEY = "k8snet.timeout.ready";
    /** Bound for a positive reachability check to succeed. Default {@code 60s}. */
    String PROBE_TIMEOUT_KEY = "k8snet.timeout.probe";
    /** Bound for a namespace to be gone after deletion. Default {@code 2m}. */
    String DELETE_TIMEOUT_KEY = "k8snet.timeout.delete";
    /** How long a negative reachability check must hold. Default {@code 10s}. */
    String STABILITY_WINDOW_KEY = "k8snet.stability-window";

    String DEFAULT_K3S_IMAGE = "rancher/k3s:v1.34.12-k3s1";
    String DEFAULT_PROBE_IMAGE = "busybox:1.35.0";

    /** Cluster selection, see {@value #CLUSTER_KEY}. Empty means: use the configured setting. */
    String cluster() default "";

    /** When to keep the namespace, see {@value #KEEP_NAMESPACE_KEY}. */
    KeepNamespace keepNamespace() default KeepNamespace.DEFAULT;

    /**
     * Labels of the test namespace, {@code key=value} each (e.g. {@code "ns=x"}, as a NetworkPolicy's
     * namespace selector sees it): set before the class's manifests, deployments and checks. The
     * extension's labels ({@code app.kubernetes.io/managed-by}, {@code k8s-net-test.io/*}) and
     * {@code kubernetes.io/metadata.name} cannot be set. Top-level classes only (a {@code @Nested}
     * class shares the namespace); change them mid-test with {@link NetTest#setNamespaceLabels}.
     */
    String[] namespaceLabels() default {};

    /** When a test class's namespace is kept instead of deleted. */
    enum KeepNamespace {
        /** Defer to {@value K8sNetTest#KEEP_NAMESPACE_KEY}, default {@link #NEVER}. */
        DEFAULT,
        NEVER,
        ON_FAILURE,
        ALWAYS
    }
}
