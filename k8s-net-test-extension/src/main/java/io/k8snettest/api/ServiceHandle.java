package io.k8snettest.api;

import java.util.List;
import java.util.Set;

/**
 * A service in the test namespace, read live from the cluster.
 *
 * <p>Endpoints are modelled per service port: one {@link Endpoint} per (pod address, service port,
 * pod port the service port resolves to on that pod), read from the service's EndpointSlices, whose
 * ports carry the service ports' names. A named {@code targetPort} may resolve to a different pod
 * port on each pod; the endpoint says which.
 */
public interface ServiceHandle {

    String name();

    String namespace();

    /** The ClusterIP ({@code None} for headless services). */
    String clusterIP();

    /** Whether the service is headless ({@code clusterIP: None}): its DNS name resolves to the ready pods' IPs. */
    default boolean headless() {
        return "None".equals(clusterIP());
    }

    /** The first port's number. */
    int port();

    /** All ports. */
    List<ServicePort> ports();

    /** The selector, as in {@code spec.selector}. */
    java.util.Map<String, String> selector();

    /**
     * {@code <name>.<namespace>.svc.<cluster domain>}. The cluster domain ({@code cluster.local} unless
     * the kubelets say otherwise) is read once from the search list in {@code /etc/resolv.conf} of the
     * namespace's default probe pod ({@code probe}, created if it does not run yet).
     */
    String dnsName();

    /**
     * The ready endpoints of every service port, from the EndpointSlices of the service, sorted by
     * IP and service port: a pod behind a service with two ports appears twice, once per service
     * port, each {@link Endpoint} tagged with its service port and the pod port it resolves to.
     * Use {@link #endpoints(int)} or {@link #endpoints(String)} for one service port.
     */
    List<Endpoint> endpoints();

    /**
     * The ready endpoints of the service port with this number (the service's {@code port}, not the
     * target port). Fails naming the service's ports when it has no such port.
     */
    List<Endpoint> endpoints(int servicePort);

    /** The ready endpoints of the service port with this name. Fails naming the service's ports when it has no such port. */
    List<Endpoint> endpoints(String servicePortName);

    /** IPs of the ready endpoints, of any service port. */
    Set<String> endpointIps();

    /**
     * Deletes one ready pod behind the service and waits until the endpoints of every service port
     * have healed and the service serves again, probing continuously (TCP, on the service's first
     * TCP port) from the default probe client meanwhile: through the ClusterIP, or for a headless
     * service through its DNS name (every address the name resolves to, on its pod port).
     */
    HealingReport deleteOnePodAndAwaitHealing();

    /** Like {@link #deleteOnePodAndAwaitHealing()} for {@code count} pods at once. */
    HealingReport deletePodsAndAwaitHealing(int count);

    /**
     * Drains a node of this service's pods and measures the healing, probing as
     * {@link #deleteOnePodAndAwaitHealing()} does: cordons {@code nodeName}, evicts every ready pod behind the
     * service that runs there through the Eviction API (PodDisruptionBudgets honoured), waits until the
     * endpoints of every service port hold as many ready pods as before (the replacements on other nodes) and
     * the service serves again, then uncordons the node (unless it was cordoned before). Pods the test did not
     * create are never evicted. The report's {@code deletedPods} are the evicted pods.
     *
     * @throws IllegalArgumentException when the node is unknown, runs no ready pod of the service, or is the
     *                                  only schedulable node (the pods could not come back), naming the nodes
     */
    HealingReport drainNodeAndAwaitHealing(String nodeName);

    /** A service port. */
    record ServicePort(String name, int port, String targetPort, String protocol, Integer nodePort) {
    }

    /**
     * A ready endpoint of one service port.
     *
     * @param ip              the pod's address
     * @param port            the pod port the service port resolves to on this pod (the resolved {@code targetPort})
     * @param podName         the pod, or {@code null} when the endpoint names none
     * @param nodeName        the pod's node, or {@code null}
     * @param servicePortName the service port's name ({@code ""} for the unnamed port of a single-port service)
     * @param servicePort     the service port's number
     */
    record Endpoint(String ip, int port, String podName, String nodeName, String servicePortName, int servicePort) {
    }
}
