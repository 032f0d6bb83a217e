package io.k8snettest.session;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.NetTest;
import io.k8snettest.check.ReachabilityChecker;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.healing.EndpointHealer;
import io.k8snettest.k8s.AppliedResources;
import io.k8snettest.k8s.BackgroundDeletions;
import io.k8snettest.k8s.Cleanup;
import io.k8snettest.k8s.Diagnostics;
import io.k8snettest.k8s.NamespaceHeartbeat;
import io.k8snettest.k8s.NamespaceLabels;
import io.k8snettest.k8s.Namespaces;
import io.k8snettest.k8s.ReadinessWaiter;
import io.k8snettest.k8s.ResourceApplier;
import io.k8snettest.matrix.MatrixRunner;
import io.k8snettest.model.Models;
import io.k8snettest.plan.NamespaceNames;
import io.k8snettest.plan.ReachabilitySpec;
import io.k8snettest.plan.ResourcePlan;
import io.k8snettest.policy.PolicyCanary;
import io.k8snettest.policy.PolicyEnforcement;
import io.k8snettest.probe.ProbeClients;
import io.k8snettest.probe.ProbeContext;
import io.k8snettest.report.Publisher;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;

/**
 * Everything the extension does in one test class's namespace; the one facade between the JUnit
 * lifecycle ({@code junit/}) and the features below it.
 *
 * <ul>
 *   <li>{@link #open} creates a namespace {@code <prefix>-<short class name>-<random>} (a valid
 *   DNS-1123 label of at most 63 chars) labelled {@code app.kubernetes.io/managed-by=k8s-net-test}
 *   and {@code k8s-net-test.io/run-id=<runId>}, and waits until it is Active and its
 *   {@code default} ServiceAccount exists.</li>
 *   <li>{@link #apply} creates manifests, deployments, services in that order, then waits (bounded,
 *   named, fail-fast on pod failure reasons) for deployments Ready and endpoints complete.</li>
 *   <li>{@link #verify} runs reachability checks, throwing {@link AssertionError} with diagnostics.</li>
 *   <li>{@link #close(boolean)} deletes the namespace and companions and waits until gone (unless
 *   keep), idempotent; clean-up failures are thrown, not swallowed.</li>
 * </ul>
 */
@API(status = INTERNAL, since = "0.1")
public final class NamespaceSession implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Namespaces namespaces;
    private final Diagnostics diagnostics;
    private final Class<?> anchor;
    private final String testClassName;
    final ProbeContext context;
    final ReadinessWaiter readiness;
    final ResourceApplier applier;
    final ProbeClients clients;
    final EndpointHealer healer;
    final MatrixRunner matrices;
    final Models models;
    private final ReachabilityChecker checker;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile java.util.function.Consumer<String> imageLoading = image -> {
        throw new IllegalStateException("k8s-net-test: this session cannot load images");
    };

    private NamespaceSession(KubernetesClient client, RuntimeSettings settings, String runId, String namespace,
                             Namespaces namespaces, String testClassName, PolicyEnforcement enforcement) {
        this.namespaces = namespaces;
        this.anchor = anchor(testClassName);
        this.testClassName = testClassName;
        this.diagnostics = new Diagnostics(client);
        this.readiness = new ReadinessWaiter(client, settings.readyTimeout(), this::diagnostics);
        this.context = new ProbeContext(client, namespace, settings, this::diagnostics,
                new PolicyCanary(client, settings, runId, enforcement)::requireEnforced);
        this.clients = new ProbeClients(context, runId, namespaces, readiness);
        // companions named by manifest placeholders are created on first use, as the probe clients' are
        this.applier = new ResourceApplier(client, namespace, readiness, settings.deleteTimeout(),
                logical -> clients.companion(logical, Map.of()));
        this.checker = new ReachabilityChecker(context, clients);
        this.healer = new EndpointHealer(context, clients);
        this.matrices = new MatrixRunner(context, clients);
        this.models = new Models(context, clients, readiness);
    }

    /**
     * Opens a session in a fresh namespace of ours (deleted again if anything of opening fails).
     *
     * @param enforcement caches the NetworkPolicy canary's verdict, shared by every session on the same cluster
     * @param heartbeat   renews the session's namespaces (the proof that the run is alive) until they
     *                    are deleted or kept; {@code null}: none
     */
    public static NamespaceSession open(KubernetesClient client, RuntimeSettings settings, String runId, String testClassName,
                                        PolicyEnforcement enforcement, NamespaceHeartbeat heartbeat) {
        String simpleName = testClassName.substring(testClassName.lastIndexOf('.') + 1).replace('$', '-');
        String name = NamespaceNames.forTestClass(settings.namespacePrefix(), simpleName, randomSuffix());
        Namespaces namespaces = new Namespaces(client, settings.readyTimeout(), settings.deleteTimeout(), heartbeat);
        namespaces.create(name, NamespaceLabels.labels(runId, Map.of()), Map.of(NamespaceLabels.TEST_CLASS, testClassName));
        try {
            return new NamespaceSession(client, settings, runId, name, namespaces, testClassName, enforcement);
        } catch (RuntimeException e) {
            try {
                namespaces.delete(name);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Deletes namespaces of ours (by label) of other runs that stopped: runs whose newest heartbeat
     * is older than the stale age (see {@link NamespaceLabels#stale}); returns their names.
     */
    public static List<String> removeStaleNamespaces(KubernetesClient client, RuntimeSettings settings, String runId) {
        return removeStaleNamespaces(client, settings, runId, Instant.now());
    }

    static List<String> removeStaleNamespaces(KubernetesClient client, RuntimeSettings settings, String runId, Instant now) {
        List<Namespace> ours = client.namespaces().withLabels(NamespaceLabels.ownershipSelector()).list().getItems();
        List<String> stale = NamespaceLabels.stale(ours, runId, now, settings.staleNamespaceAge()).stream()
                .map(ns -> ns.getMetadata().getName()).toList();
        Namespaces namespaces = new Namespaces(client, settings.readyTimeout(), settings.deleteTimeout());
        Cleanup.runAll(stale.stream().<Runnable>map(ns -> () -> namespaces.delete(ns)).toList());
        return stale;
    }

    public String namespace() {
        return context.namespace();
    }

    public KubernetesClient client() {
        return context.client();
    }

    /**
     * Labels the namespace as the plan says, creates the plan's resources and waits for them; closing
     * the result deletes them (reverse order) and waits until gone.
     */
    public AppliedResources apply(ResourcePlan plan) {
        if (!plan.namespaceLabels().isEmpty()) {
            setNamespaceLabels(plan.namespaceLabels());
        }
        return applier.apply(plan);
    }

    /** Replaces the user labels of the namespace (checked by the caller). */
    void setNamespaceLabels(Map<String, String> labels) {
        namespaces.setUserLabels(namespace(), labels);
    }

    /**
     * Runs the checks and throws one {@link AssertionError} naming every failed check, with diagnostics;
     * where each probe ran (same-node or cross-node) goes to {@code report}.
     */
    public void verify(List<ReachabilitySpec> checks, io.k8snettest.report.Publisher report) {
        checker.verifyAll(checks, report);
    }

    /** How {@link NetTest#loadImage} loads into this session's cluster (the extension's per-cluster cache). */
    public void useImageLoading(java.util.function.Consumer<String> loading) {
        this.imageLoading = loading;
    }

    void loadImage(String image) {
        imageLoading.accept(image);
    }

    /**
     * The injectable handle for this namespace, as one test (or class callback) sees it: its report
     * entries (a matrix's truth table) go to {@code reportEntries}, that test's publisher.
     */
    public NetTest netTest(Publisher reportEntries) {
        return new NetTestView(this, reportEntries);
    }

    /** The test class; manifests of {@link NetTest#applyManifest} are found relative to it. */
    Class<?> anchor() {
        return anchor;
    }

    /** Pods with phases and container states, recent events, services, endpoints and network policies of the namespace. */
    public String diagnostics() {
        return diagnostics.render(allNamespaces());
    }

    private List<String> allNamespaces() {
        List<String> all = new ArrayList<>(List.of(namespace()));
        all.addAll(clients.companionNamespaces());
        return all;
    }

    /** Deletes the namespace (and companion namespaces) and waits until gone, unless {@code keep}. Idempotent. */
    public void close(boolean keep) {
        close(keep, null);
    }

    /**
     * Deletes the namespace (and companion namespaces), unless {@code keep}; idempotent. With
     * {@code background} null this waits until they are gone; otherwise the deletions are requested
     * now and {@code background} awaits them (see {@link BackgroundDeletions}).
     */
    public void close(boolean keep, BackgroundDeletions background) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        clients.close(); // the probe channels' execs end before their pods go
        if (keep) {
            allNamespaces().forEach(namespaces::release); // a kept namespace is collected once its run is silent long enough
            return;
        }
        List<String> all = allNamespaces();
        Collections.reverse(all); // companions first, the session namespace last
        if (background != null) {
            background.delete(namespaces, all, "test class " + testClassName);
            return;
        }
        Cleanup.runAll(all.stream().<Runnable>map(ns -> () -> namespaces.delete(ns)).toList());
    }

    @Override
    public void close() {
        close(false);
    }

    private static String randomSuffix() {
        StringBuilder s = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static Class<?> anchor(String testClassName) {
        try {
            return Class.forName(testClassName, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Object.class; // manifests then resolve from the classpath root or as files
        }
    }
}
