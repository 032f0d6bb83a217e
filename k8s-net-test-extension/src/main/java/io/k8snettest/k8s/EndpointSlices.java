package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ServiceHandle;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The ready endpoints of a service, from its EndpointSlices (discovery.k8s.io/v1).
 *
 * <p>A slice's ports are named after the service ports (the unnamed port of a single-port service
 * has the name {@code ""}) and carry the pod port that service port resolves to for the slice's
 * endpoints; pods that resolve a named {@code targetPort} differently are in different slices.
 * Endpoints are matched to service ports by that name, never by number.
 */
@API(status = INTERNAL, since = "0.1")
public final class EndpointSlices {

    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private EndpointSlices() {
    }

    public static List<EndpointSlice> of(KubernetesClient client, String namespace, String service) {
        return client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel(SERVICE_NAME_LABEL, service).list().getItems();
    }

    /**
     * One endpoint per ready address, service port and resolved pod port, sorted by IP and service
     * port; slice ports whose name no service port has (a slice not yet updated) are left out. Pure.
     */
    public static List<ServiceHandle.Endpoint> readyEndpoints(List<EndpointSlice> slices, List<ServicePort> servicePorts) {
        Map<String, ServicePort> byName = servicePorts.stream()
                .collect(Collectors.toMap(p -> name(p.getName()), Function.identity(), (a, b) -> a));
        Set<ServiceHandle.Endpoint> result = new LinkedHashSet<>();
        for (EndpointSlice slice : slices) {
            if (slice.getPorts() == null || "FQDN".equals(slice.getAddressType())) {
                continue;
            }
            for (EndpointPort port : slice.getPorts()) {
                ServicePort servicePort = byName.get(name(port.getName()));
                if (servicePort == null || port.getPort() == null) {
                    continue;
                }
                for (Endpoint e : ready(slice)) {
                    String pod = e.getTargetRef() == null ? null : e.getTargetRef().getName();
                    for (String ip : e.getAddresses()) {
                        result.add(new ServiceHandle.Endpoint(ip, port.getPort(), pod, e.getNodeName(),
                                name(servicePort.getName()), servicePort.getPort()));
                    }
                }
            }
        }
        return result.stream().sorted(Comparator.comparing(ServiceHandle.Endpoint::ip)
                .thenComparingInt(ServiceHandle.Endpoint::servicePort)).toList();
    }

    /** Ready endpoint IPs that some slice port maps to pod port {@code targetPort}. Pure. */
    public static Set<String> readyIps(List<EndpointSlice> slices, int targetPort) {
        Set<String> ips = new TreeSet<>();
        for (EndpointSlice slice : slices) {
            boolean serves = slice.getPorts() != null && slice.getPorts().stream()
                    .anyMatch(p -> p.getPort() != null && p.getPort() == targetPort);
            if (serves) {
                ready(slice).forEach(e -> ips.addAll(e.getAddresses()));
            }
        }
        return ips;
    }

    private static List<Endpoint> ready(EndpointSlice slice) {
        if (slice.getEndpoints() == null) {
            return List.of();
        }
        return slice.getEndpoints().stream().filter(e -> e.getAddresses() != null)
                .filter(e -> e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady())
                .toList();
    }

    private static String name(String name) {
        return name == null ? "" : name;
    }
}
