package io.k8snettest.k8s;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.NetTest;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.plan.NamespaceNames;
import io.k8snettest.plan.ReachabilitySpec;
import io.k8snettest.plan.ResourcePlan;
import io.k8snettest.policy.PolicyEnforcement;
import io.k8snettest.probe.ProbeSession;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/** Implementation of {@link NamespaceSession}, see its contract. */
final class DefaultNamespaceSession implements NamespaceSession {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final String namespace;
    private final Namespaces namespaces;
    private final ResourceApplier applier;
    private final Diagnostics diagnostics;
    private final ProbeSession probes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DefaultNamespaceSession(KubernetesClient client, RuntimeSettings settings, String runId, String namespace,
                                    Namespaces namespaces, Class<?> anchor, PolicyEnforcement enforcement) {
        this.namespace = namespace;
        this.namespaces = namespaces;
        this.diagnostics = new Diagnostics(client);
        ReadinessWaiter readiness = new ReadinessWaiter(client, settings.readyTimeout(), this::diagnostics);
        this.applier = new ResourceApplier(client, namespace, readiness, settings.deleteTimeout());
        this.probes = new ProbeSession(client, namespace, runId, settings, namespaces, readiness, applier,
                this::diagnostics, anchor, enforcement);
    }

    /** Creates the namespace (deleted again if anything of opening fails) and registers it with {@code heartbeat} (null: none). */
    static NamespaceSession open(KubernetesClient client, RuntimeSettings settings, String runId, String testClassName,
                                 PolicyEnforcement enforcement, NamespaceHeartbeat heartbeat) {
        String simpleName = testClassName.substring(testClassName.lastIndexOf('.') + 1).replace('$', '-');
        String name = NamespaceNames.forTestClass(settings.namespacePrefix(), simpleName, randomSuffix());
        Namespaces namespaces = new Namespaces(client, settings.readyTimeout(), settings.deleteTimeout(), heartbeat);
        namespaces.create(name, NamespaceLabels.labels(runId, Map.of()), Map.of(NamespaceLabels.TEST_CLASS, testClassName));
        try {
            return new DefaultNamespaceSession(client, settings, runId, name, namespaces, anchor(testClassName), enforcement);
        } catch (RuntimeException e) {
            try {
                namespaces.delete(name);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    static List<String> removeStaleNamespaces(KubernetesClient client, RuntimeSettings settings, String runId, Instant now) {
        List<Namespace> ours = client.namespaces().withLabels(NamespaceLabels.ownershipSelector()).list().getItems();
        List<String> stale = NamespaceLabels.stale(ours, runId, now, settings.staleNamespaceAge()).stream()
                .map(ns -> ns.getMetadata().getName()).toList();
        Namespaces namespaces = new Namespaces(client, settings.readyTimeout(), settings.deleteTimeout());
        Cleanup.runAll(stale.stream().<Runnable>map(ns -> () -> namespaces.delete(ns)).toList());
        return stale;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public AppliedResources apply(ResourcePlan plan) {
        return applier.apply(plan);
    }

    @Override
    public void verify(List<ReachabilitySpec> checks) {
        probes.verify(checks);
    }

    @Override
    public void reportTo(BiConsumer<String, String> publisher) {
        probes.reportTo(publisher);
    }

    @Override
    public NetTest netTest() {
        return probes.netTest();
    }

    @Override
    public String diagnostics() {
        return diagnostics.render(allNamespaces());
    }

    private List<String> allNamespaces() {
        List<String> all = new ArrayList<>(List.of(namespace));
        all.addAll(probes.companionNamespaces());
        return all;
    }

    @Override
    public void close(boolean keep) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (keep) {
            allNamespaces().forEach(namespaces::release); // a kept namespace is collected once its run is silent long enough
            return;
        }
        List<String> all = allNamespaces();
        java.util.Collections.reverse(all); // companions first, the session namespace last
        Cleanup.runAll(all.stream().<Runnable>map(ns -> () -> namespaces.delete(ns)).toList());
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
