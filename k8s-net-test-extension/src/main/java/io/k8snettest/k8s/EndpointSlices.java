package io.k8snettest.k8s;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ServiceHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The ready endpoints of a service, from its EndpointSlices (discovery.k8s.io/v1). */
public final class EndpointSlices {

    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private EndpointSlices() {
    }

    public static List<EndpointSlice> of(KubernetesClient client, String namespace, String service) {
        return client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel(SERVICE_NAME_LABEL, service).list().getItems();
    }

    /** Ready endpoints of the slices, one per address and port, sorted by IP. Pure. */
    public static List<ServiceHandle.Endpoint> readyEndpoints(List<EndpointSlice> slices) {
        List<ServiceHandle.Endpoint> result = new ArrayList<>();
        for (EndpointSlice slice : slices) {
            List<Integer> ports = slice.getPorts() == null ? List.of()
                    : slice.getPorts().stream().map(EndpointPort::getPort).filter(p -> p != null).toList();
            if (slice.getEndpoints() == null) {
                continue;
            }
            for (var e : slice.getEndpoints()) {
                boolean ready = e.getConditions() == null || e.getConditions().getReady() == null
                        || e.getConditions().getReady();
                if (!ready || e.getAddresses() == null) {
                    continue;
                }
                String pod = e.getTargetRef() == null ? null : e.getTargetRef().getName();
                for (String ip : e.getAddresses()) {
                    for (int port : ports) {
                        result.add(new ServiceHandle.Endpoint(ip, port, pod, e.getNodeName()));
                    }
                }
            }
        }
        result.sort(Comparator.comparing(ServiceHandle.Endpoint::ip).thenComparing(ServiceHandle.Endpoint::port));
        return result;
    }

    /** Ready endpoint IPs serving {@code targetPort}. Pure. */
    public static Set<String> readyIps(List<EndpointSlice> slices, int targetPort) {
        return readyEndpoints(slices).stream().filter(e -> e.port() == targetPort)
                .map(ServiceHandle.Endpoint::ip).collect(Collectors.toCollection(TreeSet::new));
    }
}
