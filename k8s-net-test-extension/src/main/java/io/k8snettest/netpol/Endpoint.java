package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** One end of a cell: a pod of the model or an address outside it. */
@API(status = INTERNAL, since = "0.1")
public sealed interface Endpoint permits PodInfo, ExternalIp {

    /** The address an ipBlock peer is matched against, or {@code null} for a pod without an IP yet. */
    String ip();

    /** How explanations name it: {@code namespace/pod} or the IP. */
    String display();
}
