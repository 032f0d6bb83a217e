package io.k8snettest.api;

/** How a probe addresses a service. */
public enum Via {
    /** The service's ClusterIP: traffic goes through the node's service proxy. */
    CLUSTER_IP,
    /** The service's DNS name {@code <service>.<namespace>.svc.cluster.local}. */
    DNS,
    /** Each ready endpoint (pod IP and target port) directly; every one must pass. */
    EACH_ENDPOINT
}
