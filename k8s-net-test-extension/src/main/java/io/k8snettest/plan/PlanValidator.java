package io.k8snettest.plan;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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
import java.util.Optional;
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

    /**
     * A service as reachability checks need it.
     *
     * @param ports     its service ports, in order
     * @param protocols the protocol of each port ({@code TCP}, {@code UDP} or {@code SCTP})
     * @param selector  its pod selector; null when it has none
     */
    record DeclaredService(String name, List<Integer> ports, List<String> protocols, Map<String, String> selector,
                           String origin) {

        /** Whether {@code port} is served over TCP (a port number may be declared for TCP and UDP alike). */
        boolean servesTcp(int port) {
            for (int i = 0; i < ports.size(); i++) {
                if (ports.get(i) == port && "TCP".equals(protocols.get(i))) {
                    return true;
                }
            }
            return false;
        }

        /** The protocols {@code port} is declared with, e.g. {@code UDP}. */
        String protocolsOf(int port) {
            List<String> of = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                if (ports.get(i) == port) {
                    of.add(protocols.get(i));
                }
            }
            return String.join(" and ", of);
        }
    }

    private final Map<String, DeclaredDeployment> deployments = new LinkedHashMap<>();
    private final Map<String, DeclaredService> services = new LinkedHashMap<>();
    private final Map<String, String> objects = new HashMap<>();
    private final PodSources podSources = new PodSources();

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
                DeclaredDeployment declared = fromManifest(deployment, described);
                deployments.put(name, declared);
                podSources.deployment(podLabels(deployment), declared.replicas(), described);
            } else if (resource instanceof Service service) {
                services.put(name, fromManifest(service, described));
            } else if (PodSources.mayRunPods(resource.getKind(), !(resource instanceof GenericKubernetesResource))) {
                podSources.unknown(described);
            }
        }
    }

    void declare(DeploymentSpec deployment) {
        claim("Deployment", deployment.name(), deployment.origin(), deployment.origin(),
                "name=" + Misuse.render(deployment.name()));
        deployments.put(deployment.name(), new DeclaredDeployment(deployment.name(), deployment.labels(),
                deployment.replicas(), deployment.ports(), deployment.origin()));
        podSources.deployment(deployment.labels(), deployment.replicas(), deployment.origin());
    }

    void declare(ServiceSpec service) {
        claim("Service", service.name(), service.origin(), service.origin(),
                "name=" + Misuse.render(service.name()));
        services.put(service.name(), new DeclaredService(service.name(), List.of(service.port()),
                List.of(service.protocol()), service.selector(), service.origin()));
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

    private static DeclaredService fromManifest(Service service, String described) {
        var spec = service.getSpec();
        List<ServicePort> ports = spec == null || spec.getPorts() == null ? List.of()
                : spec.getPorts().stream().filter(p -> p.getPort() != null).toList();
        return new DeclaredService(service.getMetadata().getName(), ports.stream().map(ServicePort::getPort).toList(),
                ports.stream().map(p -> p.getProtocol() == null ? "TCP" : p.getProtocol()).toList(),
                spec == null ? null : spec.getSelector(), described);
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        var spec = deployment.getSpec();
        return spec == null || spec.getTemplate() == null || spec.getTemplate().getMetadata() == null
                || spec.getTemplate().getMetadata().getLabels() == null ? Map.of()
                : spec.getTemplate().getMetadata().getLabels();
    }

    /**
     * When the pods that would answer for {@code service} all come from deployments with zero
     * replicas: those deployments, for a message; otherwise (or when planning cannot tell) empty.
     */
    Optional<String> onlyIdleBackends(DeclaredService service) {
        return podSources.onlyIdleBackends(service.selector());
    }

    private static RuntimeException contradiction(ReachabilitySpec check, ReachabilitySpec other) {
        String target = "both probe service '" + check.service() + "' port " + check.port();
        String client = " from " + check.client().displayName();
        String problem = other.via() == check.via()
                ? target + " via " + check.via() + client + ", one expecting it reachable and one not"
                : target + client + ", one via " + other.via() + " expecting it " + expectation(other)
                        + " and one via " + check.via() + " expecting it " + expectation(check)
                        + " (every way of addressing a service reaches the same pods on the same port)";
        return Misuse.at(check.origin(), "contradicts " + other.origin() + ": " + problem,
                "remove one of them or change its client, service or port");
    }

    private static String placement(ClientRef client) {
        return client.everyNode() ? "on every node" : client.spec().placement().isAny() ? "on any node"
                : client.spec().placement().toString();
    }

    private static String expectation(ReachabilitySpec check) {
        return check.expectReachable() ? "reachable" : "not reachable";
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
     * Rejects checks that expect opposite outcomes for the same client, service and port (whatever
     * the way of addressing: ClusterIP, DNS name and each endpoint reach the same pods on the same
     * port), and probe clients whose name is given two different identities.
     *
     * @param checks the checks that apply together (a class's with its enclosing classes', and one method's)
     */
    static void checkConsistency(List<ReachabilitySpec> checks) {
        Map<List<Object>, ReachabilitySpec> byTarget = new HashMap<>();
        Map<List<Object>, ReachabilitySpec> byClientName = new HashMap<>();
        for (ReachabilitySpec check : checks) {
            List<Object> target = List.of(check.client(), check.service(), check.port());
            ReachabilitySpec other = byTarget.putIfAbsent(target, check);
            if (other != null && other.expectReachable() != check.expectReachable()) {
                throw contradiction(check, other);
            }
            ClientSpec spec = check.client().spec();
            if (spec == null) {
                continue;
            }
            List<Object> identity = Arrays.asList(spec.namespace(), spec.name());
            ReachabilitySpec first = byClientName.putIfAbsent(identity, check);
            if (first != null && (!first.client().spec().placement().equals(spec.placement())
                    || first.client().everyNode() != check.client().everyNode())) {
                throw Misuse.at(check.origin(), "client '" + spec.name() + "' is placed " + placement(check.client())
                                + " here but " + placement(first.client()) + " by " + first.origin(),
                        "a client pod is created once and reused, so give it the same placement everywhere or use"
                                + " another client name");
            }
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
