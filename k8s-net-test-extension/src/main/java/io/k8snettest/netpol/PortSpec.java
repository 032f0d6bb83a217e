package io.k8snettest.netpol;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.k8snettest.plan.Misuse;
import java.util.Optional;

/**
 * One entry of a rule's {@code ports}: a protocol (default TCP) with no port (every port of that
 * protocol), a number, a number range ({@code port}..{@code endPort}), or a name that resolves per
 * target pod to the number of its container port with that name and protocol (a pod without one is
 * not admitted by this entry; an address outside the model never is).
 *
 * @param protocol the protocol, TCP when the policy leaves it out
 * @param number the port number, or {@code null} (name, or no port)
 * @param endPort the last port of a range, or {@code null}
 * @param name the named port, or {@code null}
 */
record PortSpec(Protocol protocol, Integer number, Integer endPort, String name) {

    static PortSpec of(NetworkPolicyPort port, String origin) {
        Unknown.reject(port.getAdditionalProperties(), origin);
        Protocol protocol = Protocol.of(port.getProtocol(), origin + ".protocol");
        IntOrString value = port.getPort();
        Integer endPort = port.getEndPort();
        if (value == null) {
            if (endPort != null) {
                throw Misuse.argument(origin, "endPort " + endPort + " without port", "set port to the range's first port");
            }
            return new PortSpec(protocol, null, null, null);
        }
        if (value.getIntVal() != null) {
            int number = value.getIntVal();
            if (number < 1 || number > 65535) {
                throw Misuse.argument(origin, "port " + number + " is out of range", "use 1 to 65535");
            }
            if (endPort != null && (endPort < number || endPort > 65535)) {
                throw Misuse.argument(origin, "endPort " + endPort + " is not in " + number + "..65535",
                        "make endPort at least port (the range is port..endPort, inclusive)");
            }
            return new PortSpec(protocol, number, endPort, null);
        }
        String name = value.getStrVal();
        if (name == null || name.isEmpty() || !name.matches(".*[a-z].*")) {
            throw Misuse.argument(origin, "port \"" + name + "\" is neither a number nor a port name",
                    "write a number (80) or the name of a container port (serve-80-tcp)");
        }
        if (endPort != null) {
            throw Misuse.argument(origin, "endPort " + endPort + " with the named port " + name,
                    "a range needs a numeric port; drop endPort or use a number");
        }
        return new PortSpec(protocol, null, null, name);
    }

    /** Whether this entry admits the cell's port and protocol on its target. */
    boolean admits(Cell cell) {
        if (protocol != cell.protocol()) {
            return false;
        }
        if (name != null) {
            return resolvesTo(cell.target(), cell.port());
        }
        return number == null || (cell.port() >= number && cell.port() <= (endPort == null ? number : endPort));
    }

    private boolean resolvesTo(Endpoint target, int port) {
        return target instanceof PodInfo pod && pod.ports().stream()
                .anyMatch(p -> name.equals(p.name()) && p.protocol() == protocol && p.port() == port);
    }

    /**
     * Why a named entry of the cell's protocol did not admit it: the target has no container port of
     * that name (which the API treats as "not admitted", not as an error), or it names another number.
     */
    Optional<String> namedMiss(Cell cell) {
        if (name == null || protocol != cell.protocol() || resolvesTo(cell.target(), cell.port())) {
            return Optional.empty();
        }
        if (!(cell.target() instanceof PodInfo pod)) {
            return Optional.of("named port " + name + " cannot resolve on " + cell.target().display() + " (no pod)");
        }
        return pod.ports().stream().filter(p -> name.equals(p.name()) && p.protocol() == protocol).findFirst()
                .map(p -> "named port " + name + " is " + p.port() + "/" + protocol + " on " + pod.display())
                .or(() -> Optional.of(pod.display() + " has no " + protocol + " container port named " + name));
    }

    /** {@code 80/TCP}, {@code 8000-8080/TCP}, {@code named port http/TCP}, {@code any UDP port}. */
    String describe() {
        if (name != null) {
            return "named port " + name + "/" + protocol;
        }
        if (number == null) {
            return "any " + protocol + " port";
        }
        return (endPort == null ? number.toString() : number + "-" + endPort) + "/" + protocol;
    }
}
