package io.k8snettest.api;

/** How a probe addresses a service. */
public enum Via {
    /**
     * The service's ClusterIP and service port: traffic goes through the node's service proxy. A
     * headless service ({@code clusterIP: None}) has none: a check with this {@code via} on it is
     * rejected before any probe; use {@link #DNS} or {@link #EACH_ENDPOINT}.
     */
    CLUSTER_IP,
    /**
     * The service's DNS name {@code <service>.<namespace>.svc.<cluster domain>} (the domain as the probing
     * pod's {@code /etc/resolv.conf} search list names it, {@code cluster.local} by default) and service port. For
     * a headless service the name resolves to the ready pods' IPs (A/AAAA records): the probing
     * client looks it up on every probe, and every address it returns is probed on the pod port the
     * service port resolves to on that pod; a positive check needs all of them to answer, a
     * negative check fails when any one does.
     */
    DNS,
    /** Each ready endpoint of the checked service port (pod IP and the pod port it resolves to) directly; every one must pass. */
    EACH_ENDPOINT
}
