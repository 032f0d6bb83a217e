package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ServiceHandle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/** One port of a service, resolved live: ClusterIP, port, target port and the ready endpoints behind that port. */
@API(status = INTERNAL, since = "0.1")
public record ServiceTarget(Service service, ServicePort port) {

    public static Service lookup(KubernetesClient client, String namespace, String name) {
        return Lookup.existing(client, Service.class, "service", namespace, name);
    }

    /** @param port the service port's number, -1 for the first */
    public static ServiceTarget resolve(KubernetesClient client, String namespace, String name, int port) {
        Service service = lookup(client, namespace, name);
        return port < 0 ? first(service) : of(service, p -> p.getPort() == port, "port " + port);
    }

    /** The service's first port. */
    public static ServiceTarget first(Service service) {
        return of(service, p -> true, "port");
    }

    /** The service port with this number; fails naming the service's ports. */
    public static ServiceTarget byNumber(Service service, int port) {
        return of(service, p -> p.getPort() == port, "port " + port);
    }

    /** The service port with this name; fails naming the service's ports. */
    public static ServiceTarget byName(Service service, String name) {
        return of(service, p -> name.equals(p.getName() == null ? "" : p.getName()), "port named '" + name + "'");
    }

    /** The service's first TCP port, if it has one. */
    public static Optional<ServiceTarget> firstTcp(Service service) {
        return ports(service).stream().filter(p -> isTcp(p.getProtocol())).findFirst().map(p -> new ServiceTarget(service, p));
    }

    private static ServiceTarget of(Service service, Predicate<ServicePort> which, String what) {
        return ports(service).stream().filter(which).findFirst().map(p -> new ServiceTarget(service, p))
                .orElseThrow(() -> new IllegalArgumentException("service " + service.getMetadata().getName() + " has no "
                        + what + "; its ports: " + portList(service)));
    }

    public static List<ServicePort> ports(Service service) {
        List<ServicePort> ports = service.getSpec().getPorts();
        return ports == null ? List.of() : ports;
    }

    public static List<String> portList(Service service) {
        return ports(service).stream().map(ServiceTarget::label).toList();
    }

    private static String label(ServicePort p) {
        return p.getPort() + (p.getName() == null || p.getName().isEmpty() ? "" : " (" + p.getName() + ")")
                + "/" + protocolOf(p.getProtocol()) + " -> targetPort " + targetText(p);
    }

    private static String targetText(ServicePort p) {
        if (p.getTargetPort() == null) {
            return String.valueOf(p.getPort());
        }
        return p.getTargetPort().getIntVal() != null ? String.valueOf(p.getTargetPort().getIntVal()) : p.getTargetPort().getStrVal();
    }

    private static String protocolOf(String protocol) {
        return protocol == null ? "TCP" : protocol.toUpperCase(Locale.ROOT);
    }

    private static boolean isTcp(String protocol) {
        return "TCP".equals(protocolOf(protocol));
    }

    public String name() {
        return service.getMetadata().getName();
    }

    public String namespace() {
        return service.getMetadata().getNamespace();
    }

    public String clusterIp() {
        return service.getSpec().getClusterIP();
    }

    /** {@code clusterIP: None}: the DNS name resolves to the ready pods' IPs, there is no virtual IP. */
    public boolean headless() {
        return "None".equals(clusterIp());
    }

    public int servicePort() {
        return port.getPort();
    }

    /** The service port's name, {@code ""} when it has none (as in the EndpointSlices). */
    private String portName() {
        return port.getName() == null ? "" : port.getName();
    }

    private String protocol() {
        return protocolOf(port.getProtocol());
    }


    /** {@code service web port 8081 (metrics) -> targetPort 81}, for messages. */
    public String describe() {
        return "service " + name() + " port " + label(port);
    }

    /** {@code <name>.<namespace>.svc.<clusterDomain>}, the service's fully qualified name. */
    public String dnsName(String clusterDomain) {
        return shortDnsName() + "." + clusterDomain;
    }

    /** {@code <name>.<namespace>.svc}: resolves from any pod through its search list; for messages. */
    public String shortDnsName() {
        return name() + "." + namespace() + ".svc";
    }

    /**
     * Fails unless the port speaks TCP: the probes (TCP connect, HTTP GET) say nothing about a UDP or
     * SCTP port. {@code what} names the check, for the message.
     */
    public void requireTcp(String what) {
        if (!isTcp(port.getProtocol())) {
            throw new IllegalArgumentException(what + ": " + describe() + " has protocol " + protocol()
                    + ", but probes are TCP connects and HTTP GETs over TCP, which say nothing about a " + protocol()
                    + " port. Probe a TCP port of the service (its ports: " + portList(service) + "), or test "
                    + protocol() + " yourself from a client with ProbeClient.exec");
        }
    }

    /** The ready endpoints of this service port (matched by port name in the EndpointSlices), with their pod ports. */
    public List<ServiceHandle.Endpoint> endpoints(KubernetesClient client) {
        return EndpointSlices.readyEndpoints(EndpointSlices.of(client, namespace(), name()), ports(service)).stream()
                .filter(e -> e.servicePortName().equals(portName())).toList();
    }
}
