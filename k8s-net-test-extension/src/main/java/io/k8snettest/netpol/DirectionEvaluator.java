package io.k8snettest.netpol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides one direction of a cell: the pod on this side (the target for ingress, the source for
 * egress) is open when no policy isolates it in this direction; otherwise some rule of some
 * selecting policy must match the other side (peer) and the port. Policies add up: one admitting rule
 * is enough, whatever the other selecting policies say.
 */
final class DirectionEvaluator {

    private final List<PolicySpec> policies;
    private final Map<String, NamespaceInfo> namespaces;

    /** @param policies sorted by namespace/name, so every list in a verdict is in that order */
    DirectionEvaluator(List<PolicySpec> policies, Map<String, NamespaceInfo> namespaces) {
        this.policies = policies;
        this.namespaces = namespaces;
    }

    DirectionVerdict evaluate(Direction direction, Cell cell) {
        boolean ingress = direction == Direction.INGRESS;
        Endpoint self = ingress ? cell.target() : cell.source();
        Endpoint other = ingress ? cell.source() : cell.target();
        String where = cell.target().display() + ":" + cell.port() + "/" + cell.protocol();
        String header = ingress ? "ingress to " + where + " from " + cell.source().display()
                : "egress from " + cell.source().display() + " to " + where;
        if (!(self instanceof PodInfo pod)) {
            return new DirectionVerdict(direction, false, List.of(), List.of(), List.of(), List.of(),
                    header + ": " + self.display() + " is no pod of the model, no " + direction.word() + " policy applies");
        }
        List<PolicySpec> selecting = policies.stream().filter(p -> p.selects(pod, direction)).toList();
        List<String> refs = selecting.stream().map(PolicySpec::ref).toList();
        if (selecting.isEmpty()) {
            return new DirectionVerdict(direction, true, refs, List.of(), List.of(), List.of(),
                    header + ": no " + direction.word() + " policy selects " + pod.display());
        }
        List<Admission> admissions = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        for (PolicySpec policy : selecting) {
            for (RuleSpec rule : policy.rules(direction)) {
                OptionalInt peer = rule.peerFor(other, policy.namespace(), namespaces);
                if (peer.isEmpty()) {
                    continue;
                }
                OptionalInt port = rule.portFor(cell);
                if (port.isPresent()) {
                    admissions.add(admission(direction, policy, rule, peer.getAsInt(), port.getAsInt()));
                } else {
                    misses.add(miss(policy, rule, other, cell));
                }
            }
        }
        List<String> inWords = selecting.stream().map(p -> p.describe(direction)).toList();
        String selected = header + ": " + pod.display() + " is selected by " + Words.list(refs);
        String text = admissions.isEmpty()
                ? selected + "; no " + direction.word() + " rule admits " + other.display() + " on " + cell.port() + "/"
                        + cell.protocol() + " (" + String.join("; ", inWords) + ")"
                        + (misses.isEmpty() ? "" : "; " + String.join("; ", misses))
                : selected + "; admitted by " + admissions.get(0)
                        + (admissions.size() > 1 ? " (and " + (admissions.size() - 1) + " more rule(s))" : "");
        return new DirectionVerdict(direction, true, refs, admissions, inWords, misses, text);
    }

    private static Admission admission(Direction direction, PolicySpec policy, RuleSpec rule, int peer, int port) {
        String peerField = direction == Direction.INGRESS ? "from" : "to";
        String text = policy.ref() + " " + rule.path() + " ("
                + peerField + (peer < 0 ? "" : "[" + peer + "]") + ": " + rule.describePeers(direction, policy.namespace(), peer)
                + "; ports" + (port < 0 ? "" : "[" + port + "]") + ": " + rule.describePorts(port) + ")";
        return new Admission(policy.ref(), rule.path(), peer, port, text);
    }

    private static String miss(PolicySpec policy, RuleSpec rule, Endpoint other, Cell cell) {
        List<String> named = rule.ports().stream().map(p -> p.namedMiss(cell)).flatMap(Optional::stream).toList();
        return policy.ref() + " " + rule.path() + " admits " + other.display() + " but only on " + rule.describePorts(-1)
                + (named.isEmpty() ? "" : " (" + String.join("; ", named) + ")");
    }
}
