package io.k8snettest.netpol;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * One ingress or egress rule. It admits a cell when one of its peers matches the other side and one of
 * its ports admits the port; an empty or missing {@code from}/{@code to} matches every peer (also
 * addresses outside the model), an empty or missing {@code ports} every port of every protocol.
 *
 * @param path where the rule sits, e.g. {@code ingress[0]}
 * @param peers its peers ({@code from} or {@code to})
 * @param ports its ports
 */
record RuleSpec(String path, List<PeerSpec> peers, List<PortSpec> ports) {

    static RuleSpec of(Direction direction, int index, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports,
                       String origin) {
        String path = direction.word() + "[" + index + "]";
        String peerField = direction == Direction.INGRESS ? "from" : "to";
        List<PeerSpec> peerSpecs = new ArrayList<>();
        List<NetworkPolicyPeer> givenPeers = peers == null ? List.of() : peers;
        for (int i = 0; i < givenPeers.size(); i++) {
            peerSpecs.add(PeerSpec.of(givenPeers.get(i), origin + " spec." + path + "." + peerField + "[" + i + "]"));
        }
        List<PortSpec> portSpecs = new ArrayList<>();
        List<NetworkPolicyPort> givenPorts = ports == null ? List.of() : ports;
        for (int i = 0; i < givenPorts.size(); i++) {
            portSpecs.add(PortSpec.of(givenPorts.get(i), origin + " spec." + path + ".ports[" + i + "]"));
        }
        return new RuleSpec(path, List.copyOf(peerSpecs), List.copyOf(portSpecs));
    }

    /** The index of the first peer matching the other side, -1 when the rule has no peers (all match). */
    OptionalInt peerFor(Endpoint other, String policyNamespace, Map<String, NamespaceInfo> namespaces) {
        if (peers.isEmpty()) {
            return OptionalInt.of(-1);
        }
        return IntStream.range(0, peers.size())
                .filter(i -> peers.get(i).matches(other, policyNamespace, namespaces)).findFirst();
    }

    /** The index of the first port entry admitting the cell, -1 when the rule has no ports (all admit). */
    OptionalInt portFor(Cell cell) {
        if (ports.isEmpty()) {
            return OptionalInt.of(-1);
        }
        return IntStream.range(0, ports.size()).filter(i -> ports.get(i).admits(cell)).findFirst();
    }

    /** {@code pods with role=web in namespace x on 80/TCP, 81/TCP}. */
    String describe(Direction direction, String policyNamespace) {
        return describePeers(direction, policyNamespace, -1) + " on " + describePorts(-1);
    }

    /** All peers (or peer {@code only} when not -1), in the rule's order, joined by "or". */
    String describePeers(Direction direction, String policyNamespace, int only) {
        if (peers.isEmpty()) {
            return direction == Direction.INGRESS ? "any source" : "any destination";
        }
        if (only >= 0) {
            return peers.get(only).describe(policyNamespace);
        }
        return String.join(" or ", peers.stream().map(p -> p.describe(policyNamespace)).toList());
    }

    /** All port entries (or entry {@code only} when not -1). */
    String describePorts(int only) {
        if (ports.isEmpty()) {
            return "any port";
        }
        if (only >= 0) {
            return ports.get(only).describe();
        }
        return String.join(", ", ports.stream().map(PortSpec::describe).toList());
    }
}
