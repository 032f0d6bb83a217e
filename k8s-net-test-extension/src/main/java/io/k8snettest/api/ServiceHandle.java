package io.k8snettest.api;

import java.util.List;
import java.util.Set;

/** A service in the test namespace, read live from the cluster. */
public interface ServiceHandle {

    String name();

    String namespace();

    /** The ClusterIP ({@code None} for headless services). */
    String clusterIP();

    /** The first port's number. */
    int port();

    /** All ports. */
    List<ServicePort> ports();

    /** The selector, as in {@code spec.selector}. */
    java.util.Map<String, String> selector();

    /** {@code <name>.<namespace>.svc.cluster.local}. */
    String dnsName();

    /** The ready endpoints, from the EndpointSlices of the service. */
    List<Endpoint> endpoints();

    /** IPs of the ready endpoints. */
    Set<String> endpointIps();

    /**
     * Deletes one ready pod behind the service and waits until the endpoints have healed and the
     * ClusterIP serves again, probing continuously from the default probe client meanwhile.
     */
    HealingReport deleteOnePodAndAwaitHealing();

    /** Like {@link #deleteOnePodAndAwaitHealing()} for {@code count} pods at once. */
    HealingReport deletePodsAndAwaitHealing(int count);

    /** A service port. */
    record ServicePort(String name, int port, String targetPort, String protocol, Integer nodePort) {
    }

    /** A ready endpoint of the service. */
    record Endpoint(String ip, int port, String podName, String nodeName) {
    }
}
