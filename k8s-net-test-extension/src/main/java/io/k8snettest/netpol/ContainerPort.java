package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A port one of a pod's containers declares, as far as NetworkPolicy cares: a named policy port
 * resolves to the number of the container port with that name and protocol, per target pod.
 *
 * @param name the port's name, or {@code null} when it has none (then no named policy port matches it)
 * @param port the container port number
 * @param protocol its protocol
 */
@API(status = INTERNAL, since = "0.1")
public record ContainerPort(String name, int port, Protocol protocol) {

    public ContainerPort {
        Objects.requireNonNull(protocol, "protocol");
    }

    /** A named TCP port. */
    public static ContainerPort tcp(String name, int port) {
        return new ContainerPort(name, port, Protocol.TCP);
    }

    @Override
    public String toString() {
        return (name == null ? "" : name + "=") + port + "/" + protocol;
    }
}
