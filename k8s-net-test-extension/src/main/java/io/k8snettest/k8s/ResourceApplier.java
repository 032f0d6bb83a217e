package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k8snettest.plan.DeploymentSpec;
import io.k8snettest.plan.ManifestSpec;
import io.k8snettest.plan.ResourcePlan;
import io.k8snettest.plan.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Creates a plan's objects in a namespace (manifests, deployments, services), waits for them,
 * and deletes them again in reverse order, waiting until they are gone.
 */
@API(status = INTERNAL, since = "0.1")
public final class ResourceApplier {

    static final String FIELD_MANAGER = "k8s-net-test";

    private final KubernetesClient client;
    private final String namespace;
    private final ReadinessWaiter readiness;
    private final Duration deleteTimeout;
    private final Function<String, String> companions;
    private final Set<String> ours = ConcurrentHashMap.newKeySet();

    public ResourceApplier(KubernetesClient client, String namespace, ReadinessWaiter readiness, Duration deleteTimeout) {
        this(client, namespace, readiness, deleteTimeout, logical -> {
            throw new IllegalArgumentException("${k8snet.namespace:" + logical + "}: no companion namespaces here");
        });
    }

    /** @param companions the generated name of a companion namespace, by logical name (created on first use) */
    public ResourceApplier(KubernetesClient client, String namespace, ReadinessWaiter readiness, Duration deleteTimeout,
                           Function<String, String> companions) {
        this.client = client;
        this.namespace = namespace;
        this.readiness = readiness;
        this.deleteTimeout = deleteTimeout;
        this.companions = companions;
        this.ours.add(namespace);
    }

    /** Creates and waits; on failure deletes what it created (errors of that are suppressed on the failure). */
    public Applied apply(ResourcePlan plan) {
        Applied applied = new Applied();
        try {
            plan.deployments().forEach(new NodePlacement(client, namespace)::check); // before anything is created
            for (ManifestSpec manifest : plan.manifests()) {
                manifest.resources().forEach(r -> applied.created.add(applyManifestObject(manifest, r)));
            }
            for (DeploymentSpec d : plan.deployments()) {
                applied.created.add(create(ResourceFactory.deployment(d, namespace), d.origin()));
            }
            for (ServiceSpec s : plan.services()) {
                applied.created.add(create(ResourceFactory.service(s, namespace), s.origin()));
            }
            for (ManifestSpec manifest : plan.manifests()) {
                if (manifest.awaitReady()) {
                    awaitManifestDeployments(manifest.resources(), manifest.origin());
                }
            }
            plan.deployments().forEach(d -> readiness.awaitDeployment(namespace, d.name(), d.origin()));
            plan.services().forEach(s -> readiness.awaitEndpoints(namespace, s.name(), s.selector(), s.targetPort(),
                    s.replicas(), s.origin()));
            return applied;
        } catch (RuntimeException | AssertionError e) {
            try {
                applied.close();
            } catch (RuntimeException cleanUp) {
                e.addSuppressed(cleanUp);
            }
            throw e;
        }
    }

    /** Applies one object of {@code manifest}; a rejection names the manifest's declaration, file, object and reason. */
    private HasMetadata applyManifestObject(ManifestSpec manifest, HasMetadata resource) {
        try {
            return applyManifestObject(resource);
        } catch (KubernetesClientException e) {
            throw Rejections.rejected(manifest.origin(), "from " + manifest.resolvedAs(), resource, e);
        }
    }

    private HasMetadata create(HasMetadata resource, String origin) {
        try {
            return client.resource(resource).inNamespace(namespace).create();
        } catch (KubernetesClientException e) {
            throw Rejections.rejected(origin, "", resource, e);
        }
    }

    /**
     * Server-side applies one manifest object, its {@link ManifestPlaceholders} resolved, into the
     * namespace it names when that is one of the test's (a placeholder's), else into the test namespace.
     */
    public HasMetadata applyManifestObject(HasMetadata resource) {
        HasMetadata copy = place(resource);
        return client.resource(copy).inNamespace(copy.getMetadata().getNamespace()).fieldManager(FIELD_MANAGER)
                .forceConflicts().serverSideApply();
    }

    /** A copy with placeholders resolved and its namespace set: one of ours that it names, else the test namespace. */
    private HasMetadata place(HasMetadata resource) {
        HasMetadata copy = ManifestPlaceholders.resolve(client.getKubernetesSerialization(), resource, logical -> {
            String name = logical == null ? namespace : companions.apply(logical);
            ours.add(name);
            return name;
        });
        String named = copy.getMetadata().getNamespace();
        copy.getMetadata().setNamespace(named != null && ours.contains(named) ? named : namespace);
        return copy;
    }

    /** Waits for the deployments among the objects. */
    public void awaitManifestDeployments(List<HasMetadata> resources, String origin) {
        resources.stream().filter(Deployment.class::isInstance)
                .forEach(d -> readiness.awaitDeployment(namespace, d.getMetadata().getName(), origin));
    }

    /** Deletes the objects in reverse order (foreground: a deployment goes with its pods) and waits until all are gone. */
    public void deleteAndAwait(List<HasMetadata> resources) {
        List<HasMetadata> reversed = new ArrayList<>(resources.stream().map(this::place).toList());
        java.util.Collections.reverse(reversed);
        List<RuntimeException> errors = new ArrayList<>();
        for (HasMetadata r : reversed) {
            try {
                client.resource(r).inNamespace(r.getMetadata().getNamespace()).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        if (errors.isEmpty()) {
            String names = reversed.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).collect(Collectors.joining(", "));
            String alias = "deleted from " + namespace + ": " + names;
            try (Wakeups wakeups = new Wakeups(alias, Waits.SAFETY_POLL, Waits.POLL_INTERVAL)) {
                reversed.forEach(r -> wakeups.watch(HasMetadata.class, r.getKind() + "/" + r.getMetadata().getName(),
                        w -> client.resource(r).watch(w)));
                Waits.until(alias, deleteTimeout, wakeups,
                        () -> reversed.stream().allMatch(r -> client.resource(r).get() == null),
                        () -> "still present: " + reversed.stream().filter(r -> client.resource(r).get() != null)
                                .map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList(), () -> "");
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        Cleanup.throwIfAny(errors);
    }

    /** What {@link #apply} created; closing deletes it and waits. Idempotent. */
    public final class Applied implements AppliedResources {
        private final List<HasMetadata> created = new ArrayList<>();
        private final AtomicBoolean closed = new AtomicBoolean();

        public List<HasMetadata> created() {
            return List.copyOf(created);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true) && !created.isEmpty()) {
                deleteAndAwait(created);
            }
        }
    }
}
