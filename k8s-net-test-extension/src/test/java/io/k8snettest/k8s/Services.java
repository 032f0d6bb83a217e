package io.k8snettest.k8s;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import io.k8snettest.k8s.EndpointSlices;
import java.util.Arrays;
import java.util.List;

/** Services and EndpointSlices as the API server holds them, for tests. */
public final class Services {

    private Services() {
    }

    public static ServicePort port(String name, int port, String targetPort, String protocol) {
        IntOrString target = targetPort.chars().allMatch(Character::isDigit) ? new IntOrString(Integer.parseInt(targetPort))
                : new IntOrString(targetPort);
        return new ServicePortBuilder().withName(name).withPort(port).withTargetPort(target).withProtocol(protocol).build();
    }

    public static Service service(String namespace, String name, String clusterIp, ServicePort... ports) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withClusterIP(clusterIp).withSelector(java.util.Map.of("app", name)).withPorts(ports).endSpec()
                .build();
    }

    /** A port-forward websocket frame as the kubelet sends it: the channel byte (0 data, 1 error), then the payload. */
    public static WebSocketMessage frame(int channel, byte... payload) {
        byte[] bytes = new byte[payload.length + 1];
        bytes[0] = (byte) channel;
        System.arraycopy(payload, 0, bytes, 1, payload.length);
        return new WebSocketMessage(bytes);
    }

    public static EndpointPort slicePort(String name, int port) {
        return new EndpointPortBuilder().withName(name).withPort(port).withProtocol("TCP").build();
    }

    /** A slice of {@code service} with these ports and ready pods {@code pod=ip} pairs. */
    public static EndpointSlice slice(String namespace, String service, String sliceName, List<EndpointPort> ports, String... podsAndIps) {
        return new EndpointSliceBuilder().withNewMetadata().withName(sliceName).withNamespace(namespace)
                .addToLabels(EndpointSlices.SERVICE_NAME_LABEL, service).endMetadata()
                .withAddressType("IPv4").withPorts(ports)
                .withEndpoints(Arrays.stream(podsAndIps).map(p -> p.split("=")).map(p -> new EndpointBuilder()
                        .withAddresses(p[1]).withNewConditions().withReady(true).endConditions()
                        .withNewTargetRef().withKind("Pod").withName(p[0]).endTargetRef().build()).toList())
                .build();
    }
}
