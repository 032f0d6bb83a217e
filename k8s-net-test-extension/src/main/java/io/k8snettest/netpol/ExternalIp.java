package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * An address that is no pod of the model (a client or server outside the cluster, a node). Only
 * ipBlock peers and rules without peers match it, and no policy selects it.
 *
 * @param ip an IPv4 or IPv6 literal (never a host name: the engine resolves nothing)
 */
@API(status = INTERNAL, since = "0.1")
public record ExternalIp(String ip) implements Endpoint {

    public ExternalIp {
        IpAddress.parse(ip, "ExternalIp");
    }

    @Override
    public String display() {
        return ip;
    }
}
