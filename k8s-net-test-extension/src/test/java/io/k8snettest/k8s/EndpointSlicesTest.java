package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.k8snettest.api.ServiceHandle.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Endpoints per (address, service port, pod port), matched to service ports by the slices' port names. */
class EndpointSlicesTest {

    private static ServicePort servicePort(String name, int port, IntOrString target) {
        return new ServicePortBuilder().withName(name).withPort(port).withTargetPort(target).withProtocol("TCP").build();
    }

    private static EndpointPort slicePort(String name, int port) {
        return new EndpointPortBuilder().withName(name).withPort(port).withProtocol("TCP").build();
    }

    private static EndpointSlice slice(List<EndpointPort> ports, boolean ready, String... ips) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withName("s").endMetadata()
                .withAddressType("IPv4").withPorts(ports);
        for (String ip : ips) {
            b.addToEndpoints(new EndpointBuilder().withAddresses(ip).withNewConditions().withReady(ready).endConditions()
                    .withNodeName("node-1").withNewTargetRef().withKind("Pod").withName("pod-" + ip.substring(ip.lastIndexOf('.') + 1))
                    .endTargetRef().build());
        }
        return b.build();
    }

    @Test
    void aNamedTargetPortAndAnotherServicePortOnTheSamePodPortGiveOneEndpointPerServicePortNotDuplicates() {
        // http: 80 -> targetPort "web" (containerPort 8080 named web); alt: 8081 -> targetPort 8080: both map to pod port 8080
        List<ServicePort> ports = List.of(servicePort("http", 80, new IntOrString("web")), servicePort("alt", 8081, new IntOrString(8080)));
        List<EndpointSlice> slices = List.of(slice(List.of(slicePort("http", 8080), slicePort("alt", 8080)), true,
                "10.42.0.7", "10.42.0.6"));

        List<Endpoint> endpoints = EndpointSlices.readyEndpoints(slices, ports);

        assertThat(endpoints).containsExactly(
                new Endpoint("10.42.0.6", 8080, "pod-6", "node-1", "http", 80),
                new Endpoint("10.42.0.6", 8080, "pod-6", "node-1", "alt", 8081),
                new Endpoint("10.42.0.7", 8080, "pod-7", "node-1", "http", 80),
                new Endpoint("10.42.0.7", 8080, "pod-7", "node-1", "alt", 8081));
    }

    @Test
    void aNamedTargetPortResolvedDifferentlyPerPodComesFromTwoSlicesAndKeepsEachPodsPort() {
        List<ServicePort> ports = List.of(servicePort("http", 80, new IntOrString("web")));
        List<EndpointSlice> slices = List.of(
                slice(List.of(slicePort("http", 8080)), true, "10.42.0.6"),
                slice(List.of(slicePort("http", 9090)), true, "10.42.0.9"));

        assertThat(EndpointSlices.readyEndpoints(slices, ports)).extracting(Endpoint::ip, Endpoint::port, Endpoint::servicePort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.42.0.6", 8080, 80),
                        org.assertj.core.groups.Tuple.tuple("10.42.0.9", 9090, 80));
    }

    @Test
    void portsAreMatchedByNameNotByNumberAndUnknownNamesOrNotReadyEndpointsAreLeftOut() {
        // service port 81 (dead) -> targetPort 81 and 80 -> 80; a stale slice port name matches nothing
        List<ServicePort> ports = List.of(servicePort("web", 80, new IntOrString(80)), servicePort("dead", 81, new IntOrString(81)));
        List<EndpointSlice> slices = List.of(
                slice(List.of(slicePort("web", 80), slicePort("dead", 81), slicePort("removed", 80)), true, "10.42.0.5"),
                slice(List.of(slicePort("web", 80)), false, "10.42.0.8"));

        assertThat(EndpointSlices.readyEndpoints(slices, ports))
                .extracting(Endpoint::servicePortName, Endpoint::servicePort, Endpoint::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web", 80, 80),
                        org.assertj.core.groups.Tuple.tuple("dead", 81, 81));
    }

    @Test
    void theUnnamedPortOfASinglePortServiceMatchesTheUnnamedSlicePort() {
        List<ServicePort> ports = List.of(servicePort(null, 80, new IntOrString(8080)));
        List<EndpointSlice> slices = List.of(slice(List.of(slicePort(null, 8080)), true, "10.42.0.5"));

        assertThat(EndpointSlices.readyEndpoints(slices, ports))
                .containsExactly(new Endpoint("10.42.0.5", 8080, "pod-5", "node-1", "", 80));
        assertThat(EndpointSlices.readyIps(slices, 8080)).containsExactly("10.42.0.5");
        assertThat(EndpointSlices.readyIps(slices, 80)).isEmpty();
    }
}
