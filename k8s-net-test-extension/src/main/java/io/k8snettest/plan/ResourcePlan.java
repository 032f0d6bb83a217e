package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What one scope (a test class, or a test method) creates and checks, in creation order: the
 * namespace's labels, manifests, then deployments, then services; reachability checks run after the test body.
 *
 * @param namespaceLabels the user's labels of the test namespace ({@code @K8sNetTest(namespaceLabels)}), set first
 */
@API(status = INTERNAL, since = "0.1")
public record ResourcePlan(List<ManifestSpec> manifests, List<DeploymentSpec> deployments,
                           List<ServiceSpec> services, List<ReachabilitySpec> checks,
                           java.util.Map<String, String> namespaceLabels) {

    public static final ResourcePlan EMPTY = new ResourcePlan(List.of(), List.of(), List.of(), List.of());

    public ResourcePlan {
        manifests = List.copyOf(manifests);
        deployments = List.copyOf(deployments);
        services = List.copyOf(services);
        checks = List.copyOf(checks);
        namespaceLabels = java.util.Map.copyOf(namespaceLabels);
    }

    /** A plan that does not label the namespace. */
    public ResourcePlan(List<ManifestSpec> manifests, List<DeploymentSpec> deployments, List<ServiceSpec> services,
                        List<ReachabilitySpec> checks) {
        this(manifests, deployments, services, checks, java.util.Map.of());
    }

    /** This plan with {@link DeploymentSpec#forLoadedImages} applied to its deployments. */
    public ResourcePlan forLoadedImages(java.util.Set<String> loadedImages) {
        if (loadedImages.isEmpty()) {
            return this;
        }
        return new ResourcePlan(manifests, deployments.stream().map(d -> d.forLoadedImages(loadedImages)).toList(),
                services, checks, namespaceLabels);
    }

    public boolean createsNothing() {
        return manifests.isEmpty() && deployments.isEmpty() && services.isEmpty() && namespaceLabels.isEmpty();
    }
}
