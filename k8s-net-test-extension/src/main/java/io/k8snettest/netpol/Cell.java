package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.plan.Misuse;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One connection the engine decides: from a source to a target's port over a protocol.
 *
 * @param source the client: a pod of the model (its egress policies apply) or an external IP
 * @param target the server: a pod of the model (its ingress policies apply) or an external IP
 * @param port the destination port (1..65535)
 * @param protocol the protocol
 */
@API(status = INTERNAL, since = "0.1")
public record Cell(Endpoint source, Endpoint target, int port, Protocol protocol) {

    public Cell {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 1 || port > 65535) {
            throw Misuse.argument("Cell " + source.display() + " -> " + target.display(),
                    "port " + port + " is out of range", "use a port from 1 to 65535");
        }
    }

    /** A TCP cell. */
    public static Cell tcp(Endpoint source, Endpoint target, int port) {
        return new Cell(source, target, port, Protocol.TCP);
    }

    @Override
    public String toString() {
        return source.display() + " -> " + target.display() + ":" + port + "/" + protocol;
    }
}
