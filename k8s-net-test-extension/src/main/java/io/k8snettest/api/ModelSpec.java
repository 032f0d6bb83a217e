package io.k8snettest.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a NetworkPolicy test model, as the upstream Kubernetes NetworkPolicy e2e suite builds
 * it: namespaces (each a companion namespace of the test, labelled {@code ns=<name>}), the same pods
 * in each (labelled {@code pod=<name>}), and in every pod one server per port and protocol. Every
 * pod is also a client: cells are probed from the server pods themselves.
 *
 * <pre>{@code
 * ModelSpec.standard()                                   // x,y,z x a,b,c, TCP 80 and 81
 * ModelSpec.standard().withProtocols(TransportProtocol.TCP, TransportProtocol.UDP)
 * ModelSpec.standard().withNamespaces("x", "y").withPods("a", "b").withPorts(80)
 * }</pre>
 *
 * @param namespaces logical namespace names (lower-case DNS labels)
 * @param pods       pod names, the same in every namespace
 * @param ports      the ports every pod serves
 * @param protocols  the protocols every port is served on
 */
public record ModelSpec(List<String> namespaces, List<String> pods, List<Integer> ports, List<TransportProtocol> protocols) {

    public ModelSpec {
        namespaces = checked("namespaces", namespaces);
        pods = checked("pods", pods);
        ports = checked("ports", ports);
        protocols = checked("protocols", protocols);
        for (String name : concat(namespaces, pods)) {
            if (!name.matches("[a-z0-9]([-a-z0-9]{0,18}[a-z0-9])?")) {
                throw new IllegalArgumentException("ModelSpec: name \"" + name + "\" is not a short DNS label;"
                        + " use lower-case letters, digits and '-', at most 20 characters");
            }
        }
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("ModelSpec: port " + port + " is out of range; use 1-65535");
            }
        }
    }

    /** Upstream's model: namespaces x, y, z; pods a, b, c; TCP on ports 80 and 81 (9 pods, 81 pairs, 162 cells). */
    public static ModelSpec standard() {
        return new ModelSpec(List.of("x", "y", "z"), List.of("a", "b", "c"), List.of(80, 81), List.of(TransportProtocol.TCP));
    }

    /** The same model with these namespaces. */
    public ModelSpec withNamespaces(String... names) {
        return new ModelSpec(List.of(names), pods, ports, protocols);
    }

    /** The same model with these pods in every namespace. */
    public ModelSpec withPods(String... names) {
        return new ModelSpec(namespaces, List.of(names), ports, protocols);
    }

    /** The same model serving these ports. */
    public ModelSpec withPorts(Integer... numbers) {
        return new ModelSpec(namespaces, pods, List.of(numbers), protocols);
    }

    /** The same model serving every port on these protocols. */
    public ModelSpec withProtocols(TransportProtocol... served) {
        return new ModelSpec(namespaces, pods, ports, List.of(served));
    }

    private static <T> List<T> checked(String what, List<T> values) {
        Objects.requireNonNull(values, what);
        if (values.isEmpty() || new LinkedHashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("ModelSpec: " + what + " " + values + " must be non-empty and without"
                    + " repeats; give each at most once");
        }
        return List.copyOf(values);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
