package io.k8snettest.plan;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.config.Durations;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.config.Settings;
import java.time.Duration;
import java.util.Map;

/**
 * Reads one {@code @ReachableFrom} or {@code @NotReachableFrom} into a validated
 * {@link ReachabilitySpec}: its client, the service port it checks (against the declared services
 * that {@link PlanValidator} knows), HTTP-only attributes and its timeouts. Pure.
 */
final class CheckReader {

    private static final String DEFAULT_CLIENT = "probe";
    private static final int DEFAULT_STATUS = 200;
    private static final String DEFAULT_PATH = "/";

    private CheckReader() {
    }

    static ReachabilitySpec reachable(ReachableFrom r, String where, PlanValidator validator,
                                              Settings settings) {
        String origin = checkOrigin("ReachableFrom", where, r.client(), r.existingPod(), r.service());
        ClientRef client = client(origin, r.client(), r.clientLabels(), r.clientNamespace(), r.existingPod(),
                new String[] {r.clientNode(), r.clientSameNodeAs(), r.clientOtherNodeThan()}, r.fromEveryNode());
        int port = port(origin, r.service(), r.port(), true, validator);
        if (r.protocol() == ProbeProtocol.TCP) {
            httpOnly(origin, "expectBody", r.expectBody(), !r.expectBody().isEmpty());
            httpOnly(origin, "expectStatus", r.expectStatus(), r.expectStatus() != DEFAULT_STATUS);
        }
        path(origin, r.path(), r.protocol());
        if (r.expectStatus() < 100 || r.expectStatus() > 599) {
            throw Misuse.value(origin, "expectStatus", r.expectStatus(), "is not an HTTP status",
                    "allowed: 100 to 599; fix expectStatus");
        }
        Duration timeout = duration(origin, "timeout", r.timeout(), K8sNetTest.PROBE_TIMEOUT_KEY,
                RuntimeSettings.DEFAULT_PROBE_TIMEOUT, settings);
        Duration window = settings.duration(K8sNetTest.STABILITY_WINDOW_KEY, RuntimeSettings.DEFAULT_STABILITY_WINDOW);
        return new ReachabilitySpec(true, client, r.service(), port, r.via(), r.protocol(), r.path(),
                r.expectStatus(), r.expectBody(), timeout, window, null, origin);
    }

    static ReachabilitySpec notReachable(NotReachableFrom r, String where, PlanValidator validator,
                                                 Settings settings) {
        String origin = checkOrigin("NotReachableFrom", where, r.client(), r.existingPod(), r.service());
        ClientRef client = client(origin, r.client(), r.clientLabels(), r.clientNamespace(), r.existingPod(),
                new String[] {r.clientNode(), r.clientSameNodeAs(), r.clientOtherNodeThan()}, r.fromEveryNode());
        int port = port(origin, r.service(), r.port(), false, validator);
        path(origin, r.path(), r.protocol());
        String control = r.controlClient().isEmpty() ? null : r.controlClient();
        if (control != null) {
            KubernetesNames.requireDns1123Label(origin, "controlClient", control);
            if (!client.isExisting() && client.spec().namespace() == null && control.equals(client.spec().name())) {
                throw Misuse.value(origin, "controlClient", control, "is the client that must not reach the service",
                        "name a client that may reach it, or omit controlClient for a port-forward control");
            }
        }
        Duration timeout = settings.duration(K8sNetTest.PROBE_TIMEOUT_KEY, RuntimeSettings.DEFAULT_PROBE_TIMEOUT);
        Duration window = duration(origin, "stabilityWindow", r.stabilityWindow(), K8sNetTest.STABILITY_WINDOW_KEY,
                RuntimeSettings.DEFAULT_STABILITY_WINDOW, settings);
        return new ReachabilitySpec(false, client, r.service(), port, r.via(), r.protocol(), r.path(), 0, "",
                timeout, window, control, origin);
    }

    private static String checkOrigin(String annotation, String where, String client, String existingPod,
                                      String service) {
        return Misuse.origin(annotation, where, "client", DEFAULT_CLIENT.equals(client) ? null : client,
                "existingPod", existingPod.isEmpty() ? null : existingPod, "service", service);
    }

    /** @param placement {@code clientNode}, {@code clientSameNodeAs}, {@code clientOtherNodeThan} */
    private static ClientRef client(String origin, String name, String[] labels, String namespace,
                                    String existingPod, String[] placement, boolean everyNode) {
        if (!existingPod.isEmpty()) {
            exclusive(origin, existingPod, "client", !DEFAULT_CLIENT.equals(name));
            exclusive(origin, existingPod, "clientLabels", labels.length > 0);
            exclusive(origin, existingPod, "clientNamespace", !namespace.isEmpty());
            exclusive(origin, existingPod, "clientNode", !placement[0].isEmpty());
            exclusive(origin, existingPod, "clientSameNodeAs", !placement[1].isEmpty());
            exclusive(origin, existingPod, "clientOtherNodeThan", !placement[2].isEmpty());
            exclusive(origin, existingPod, "fromEveryNode", everyNode);
            KubernetesNames.requireDns1123Label(origin, "existingPod", existingPod);
            return ClientRef.existing(existingPod);
        }
        KubernetesNames.requireDns1123Label(origin, "client", name);
        if (!namespace.isEmpty()) {
            KubernetesNames.requireDns1123Label(origin, "clientNamespace", namespace);
        }
        ClientSpec spec = new ClientSpec(name, KubernetesNames.labels(origin, "clientLabels", labels),
                namespace.isEmpty() ? null : namespace, Map.of(), Map.of(),
                PlacementReader.client(origin, placement[0], placement[1], placement[2], everyNode));
        return everyNode ? ClientRef.onEveryNode(spec) : ClientRef.probe(spec);
    }

    private static void exclusive(String origin, String existingPod, String element, boolean set) {
        if (set) {
            throw Misuse.at(origin, "existingPod=" + Misuse.render(existingPod) + " cannot be combined with "
                    + element + " (an existing pod keeps its own name, labels and namespace)",
                    "remove " + element + " or existingPod");
        }
    }

    /**
     * The checked service port (the given one if the service has it, else the service's first),
     * which must speak TCP and be backed by a pod that can answer.
     */
    private static int port(String origin, String serviceName, int requested, boolean positive,
                            PlanValidator validator) {
        PlanValidator.DeclaredService service = validator.service(serviceName, origin);
        int port = requested;
        if (requested == -1) {
            if (service.ports().isEmpty()) {
                throw Misuse.at(origin, "port is omitted and service '" + serviceName + "' declares no port",
                        "set port=");
            }
            port = service.ports().get(0);
        } else {
            KubernetesNames.requirePort(origin, "port", requested);
            if (!service.ports().contains(requested)) {
                throw Misuse.value(origin, "port", requested, "is not a port of service '" + serviceName + "'",
                        "allowed: " + Misuse.list(service.ports()) + "; fix port or omit it for the service's first"
                                + " port");
            }
        }
        if (!service.servesTcp(port)) {
            String subject = requested == -1 ? "port (omitted: the service's first port, " + port + ")"
                    : "port=" + port;
            throw Misuse.at(origin, subject + " of service '" + serviceName + "' is " + service.protocolsOf(port)
                    + " (" + service.origin() + "), but probes speak TCP and HTTP only",
                    "check a TCP port of the service (port=...), or declare the port with protocol TCP");
        }
        int checked = port;
        validator.onlyIdleBackends(service).ifPresent(idle -> {
            throw Misuse.at(origin, "service '" + serviceName + "' has no pod to answer on port " + checked + ": "
                    + idle, positive ? "set replicas to 1 or more, or remove the check (a service without pods"
                            + " answers no one)"
                            : "set replicas to 1 or more (the positive control of a negative check needs a pod that"
                            + " serves, or \"blocked\" would prove nothing), or remove the check");
        });
        return port;
    }

    private static void httpOnly(String origin, String element, Object value, boolean set) {
        if (set) {
            throw Misuse.value(origin, element, value, "applies to HTTP only, but protocol=TCP",
                    "set protocol=HTTP or remove " + element);
        }
    }

    private static void path(String origin, String path, ProbeProtocol protocol) {
        if (protocol == ProbeProtocol.TCP) {
            httpOnly(origin, "path", path, !DEFAULT_PATH.equals(path));
        } else if (!path.startsWith("/")) {
            throw Misuse.value(origin, "path", path, "does not start with '/'", "write e.g. \"/healthz\"");
        }
    }

    private static Duration duration(String origin, String element, String explicit, String key, Duration fallback,
                                     Settings settings) {
        return explicit.isEmpty() ? settings.duration(key, fallback) : Durations.parse(explicit, origin + ": " + element);
    }
}
