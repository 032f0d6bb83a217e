package io.k8snettest.api;

import java.util.Locale;

/** The transport protocol of a served port, as Kubernetes names it ({@code Protocol} of a container port). */
public enum TransportProtocol {
    /** TCP: a connect that completes is an answer. */
    TCP,
    /** UDP: the server echoes its hostname, so an answer proves the datagram got through. */
    UDP,
    /** SCTP: needs the kernel's SCTP support on the nodes; a model asking for it checks that first. */
    SCTP;

    /** {@code tcp}, {@code udp}, {@code sctp}: as upstream's container and port names spell it. */
    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }
}
