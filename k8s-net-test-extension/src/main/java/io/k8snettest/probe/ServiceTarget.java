package io.k8snettest.probe;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.k8s.EndpointSlices;
import java.util.List;

/** A service port resolved live: ClusterIP, port, target port and the ready endpoints behind it. */
record ServiceTarget(Service service, ServicePort port) {

    static Service lookup(KubernetesClient client, String namespace, String name) {
        Service service = client.services().inNamespace(namespace).withName(name).get();
        if (service == null) {
            throw new IllegalArgumentException("no service '" + name + "' in namespace " + namespace + "; services there: "
                    + client.services().inNamespace(namespace).list().getItems().stream().map(s -> s.getMetadata().getName()).toList());
        }
        return service;
    }

    /** @param port the service port, -1 for the first */
    static ServiceTarget resolve(KubernetesClient client, String namespace, String name, int port) {
        Service service = lookup(client, namespace, name);
        List<ServicePort> ports = service.getSpec().getPorts();
        ServicePort chosen = port < 0 ? ports.get(0) : ports.stream().filter(p -> p.getPort() == port).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("service " + name + " has no port " + port + "; its ports: "
                        + ports.stream().map(ServicePort::getPort).toList()));
        return new ServiceTarget(service, chosen);
    }

    String name() {
        return service.getMetadata().getName();
    }

    String namespace() {
        return service.getMetadata().getNamespace();
    }

    String clusterIp() {
        return service.getSpec().getClusterIP();
    }

    int servicePort() {
        return port.getPort();
    }

    String dnsName() {
        return name() + "." + namespace() + ".svc.cluster.local";
    }

    /** The ready endpoints serving this port (by the target port number when it is one). */
    List<ServiceHandle.Endpoint> endpoints(KubernetesClient client) {
        List<ServiceHandle.Endpoint> all = EndpointSlices.readyEndpoints(EndpointSlices.of(client, namespace(), name()));
        Integer target = port.getTargetPort() == null ? Integer.valueOf(port.getPort()) : port.getTargetPort().getIntVal();
        return target == null ? all : all.stream().filter(e -> e.port() == target).toList();
    }
}
