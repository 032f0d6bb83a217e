package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What one scope (a test class, or a test method) creates and checks, in creation order:
 * manifests, then deployments, then services; reachability checks run after the test body.
 */
@API(status = INTERNAL, since = "0.1")
public record ResourcePlan(List<ManifestSpec> manifests, List<DeploymentSpec> deployments,
                           List<ServiceSpec> services, List<ReachabilitySpec> checks) {

    public static final ResourcePlan EMPTY = new ResourcePlan(List.of(), List.of(), List.of(), List.of());

    public ResourcePlan {
        manifests = List.copyOf(manifests);
        deployments = List.copyOf(deployments);
        services = List.copyOf(services);
        checks = List.copyOf(checks);
    }

    /** This plan with {@link DeploymentSpec#forLoadedImages} applied to its deployments. */
    public ResourcePlan forLoadedImages(java.util.Set<String> loadedImages) {
        if (loadedImages.isEmpty()) {
            return this;
        }
        return new ResourcePlan(manifests, deployments.stream().map(d -> d.forLoadedImages(loadedImages)).toList(),
                services, checks);
    }

    public boolean createsNothing() {
        return manifests.isEmpty() && deployments.isEmpty() && services.isEmpty();
    }
}
