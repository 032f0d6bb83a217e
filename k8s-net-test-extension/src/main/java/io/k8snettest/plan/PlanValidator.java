package io.k8snettest.plan;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.k8snettest.api.ClientSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a scope can see (deployments and services of its own plan, of the enclosing class's plans
 * and, for a method, of its class's plan) and the checks that span more than one annotation:
 * duplicate names, references to undeclared deployments or services, contradictory reachability
 * expectations and clients that are given two identities.
 *
 * <p>Among the visible plans, an equal spec seen twice (same annotation, same origin) counts once,
 * so callers may pass overlapping plans (a class plan that already holds its enclosing classes'
 * resources, say); a scope's own declarations are never merged, so a copy-pasted annotation is a
 * duplicate.
 */
final class PlanValidator {

    /** A deployment as {@code @ExposeService} needs it. */
    record DeclaredDeployment(String name, Map<String, String> selector, int replicas, List<Integer> ports,
                              String origin) {
    }

    /** A service as reachability checks need it. */
    record DeclaredService(String name, List<Integer> ports, String origin) {
    }

    private final Map<String, DeclaredDeployment> deployments = new LinkedHashMap<>();
    private final Map<String, DeclaredService> services = new LinkedHashMap<>();
    private final Map<String, String> objects = new HashMap<>();

    /** Everything the visible {@code plans} declare, in order. */
    static PlanValidator of(List<ResourcePlan> plans) {
        PlanValidator validator = new PlanValidator();
        Set<Object> seen = new HashSet<>();
        for (ResourcePlan plan : plans) {
            plan.manifests().stream().filter(seen::add).forEach(validator::declare);
            plan.deployments().stream().filter(seen::add).forEach(validator::declare);
            plan.services().stream().filter(seen::add).forEach(validator::declare);
        }
        return validator;
    }

    void declare(ManifestSpec manifest) {
        for (HasMetadata resource : manifest.resources()) {
            String name = resource.getMetadata().getName();
            String described = resource.getKind() + " \"" + name + "\" in " + manifest.origin();
            claim(resource.getKind(), name, described, manifest.origin(),
                    resource.getKind() + " \"" + name + "\" in " + manifest.resolvedAs());
            if (resource instanceof Deployment deployment) {
                deployments.put(name, fromManifest(deployment, described));
            } else if (resource instanceof Service service) {
                List<Integer> ports = service.getSpec() == null ? List.of()
                        : service.getSpec().getPorts().stream().map(ServicePort::getPort).filter(Objects::nonNull)
                        .toList();
                services.put(name, new DeclaredService(name, ports, described));
            }
        }
    }

    void declare(DeploymentSpec deployment) {
        claim("Deployment", deployment.name(), deployment.origin(), deployment.origin(),
                "name=" + Misuse.render(deployment.name()));
        deployments.put(deployment.name(), new DeclaredDeployment(deployment.name(), deployment.labels(),
                deployment.replicas(), deployment.ports(), deployment.origin()));
    }

    void declare(ServiceSpec service) {
        claim("Service", service.name(), service.origin(), service.origin(),
                "name=" + Misuse.render(service.name()));
        services.put(service.name(), new DeclaredService(service.name(), List.of(service.port()),
                service.origin()));
    }

    /**
     * Reserves kind/name for {@code described}.
     *
     * @param origin  the declaration an error is reported on
     * @param subject what the error names, e.g. {@code name="web"}
     */
    private void claim(String kind, String name, String described, String origin, String subject) {
        String previous = objects.putIfAbsent(kind + "/" + name, described);
        if (previous != null) {
            throw Misuse.at(origin, subject + " is already declared by " + previous,
                "a " + kind + " name must be unique in the test's namespace (class, enclosing classes and method"
                        + " together); rename one of them");
        }
    }

    private static DeclaredDeployment fromManifest(Deployment deployment, String described) {
        var spec = deployment.getSpec();
        Map<String, String> selector = spec == null || spec.getSelector() == null
                || spec.getSelector().getMatchLabels() == null ? Map.of() : spec.getSelector().getMatchLabels();
        int replicas = spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas();
        List<Integer> ports = new ArrayList<>();
        if (spec != null && spec.getTemplate() != null && spec.getTemplate().getSpec() != null) {
            spec.getTemplate().getSpec().getContainers().forEach(container -> container.getPorts()
                    .forEach(port -> ports.add(port.getContainerPort())));
        }
        return new DeclaredDeployment(deployment.getMetadata().getName(), selector, replicas, ports, described);
    }

    /** The declared deployment {@code name}, or an error on {@code origin} listing the declared ones. */
    DeclaredDeployment deployment(String name, String origin) {
        return lookup(deployments, "deployment", name, origin, "@WithDeployment or @WithManifest");
    }

    /** The declared service {@code name}, or an error on {@code origin} listing the declared ones. */
    DeclaredService service(String name, String origin) {
        return lookup(services, "service", name, origin, "@ExposeService or @WithManifest");
    }

    private static <T> T lookup(Map<String, T> declared, String kind, String name, String origin, String sources) {
        T found = declared.get(name);
        if (found == null) {
            throw Misuse.at(origin, "no " + kind + " '" + name + "' is declared; declared: "
                    + Misuse.list(declared.keySet()) + " (from " + sources + ")", "fix the name or declare the " + kind);
        }
        return found;
    }

    /**
     * Rejects checks that expect opposite outcomes for the same client, service, port and way of
     * addressing, and probe clients whose name is given two different identities.
     *
     * @param checks the checks that apply together (a class's, or a class's and one method's)
     */
    static void checkConsistency(List<ReachabilitySpec> checks) {
        Map<List<Object>, ReachabilitySpec> byTarget = new HashMap<>();
        Map<List<Object>, ReachabilitySpec> byClientName = new HashMap<>();
        for (ReachabilitySpec check : checks) {
            List<Object> target = List.of(check.client(), check.service(), check.port(), check.via());
            ReachabilitySpec other = byTarget.putIfAbsent(target, check);
            if (other != null && other.expectReachable() != check.expectReachable()) {
                throw Misuse.at(check.origin(), "contradicts " + other.origin() + ": both probe service '"
                                + check.service() + "' port " + check.port() + " via " + check.via() + " from "
                                + check.client().displayName() + ", one expecting it reachable and one not",
                        "remove one of them or change its client, service, port or via");
            }
            ClientSpec spec = check.client().spec();
            if (spec == null) {
                continue;
            }
            List<Object> identity = Arrays.asList(spec.namespace(), spec.name());
            ReachabilitySpec first = byClientName.putIfAbsent(identity, check);
            if (first != null && !first.client().spec().labels().equals(spec.labels())) {
                throw Misuse.at(check.origin(), "clientLabels=" + spec.labels() + " differ from the labels "
                                + first.client().spec().labels() + " that " + first.origin() + " gives client '"
                                + spec.name() + "'",
                        "a client pod is created once and reused, so give it the same labels everywhere or use"
                                + " another client name");
            }
        }
    }
}
