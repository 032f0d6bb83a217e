package io.k8snettest.netpol;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.k8snettest.plan.Misuse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of a rule's {@code from}/{@code to}: selectors or an ipBlock, never both (the API
 * server rejects that). Selectors: podSelector alone means pods of the policy's namespace;
 * namespaceSelector alone means all pods of the matching namespaces; both in one peer means pods
 * matching the podSelector inside the matching namespaces (an AND, unlike two peers, an OR).
 * An ipBlock matches an address in its CIDR and in none of its excepts, pod IPs included.
 *
 * @param pods the podSelector, or {@code null}
 * @param namespaces the namespaceSelector, or {@code null} (the policy's own namespace)
 * @param cidr the ipBlock's CIDR, or {@code null}
 * @param except the ipBlock's excepts
 */
record PeerSpec(LabelSelector pods, LabelSelector namespaces, Cidr cidr, List<Cidr> except) {

    static PeerSpec of(NetworkPolicyPeer peer, String origin) {
        Unknown.reject(peer.getAdditionalProperties(), origin);
        IPBlock block = peer.getIpBlock();
        boolean selectors = peer.getPodSelector() != null || peer.getNamespaceSelector() != null;
        if (block != null && selectors) {
            throw Misuse.argument(origin, "has an ipBlock and a selector", "split it into two peers (the API server rejects this one)");
        }
        if (block == null && !selectors) {
            throw Misuse.argument(origin, "is empty", "give it a podSelector, a namespaceSelector or an ipBlock"
                    + " (to admit everyone, leave out from/to instead)");
        }
        if (block == null) {
            if (peer.getPodSelector() != null) {
                Selectors.validate(peer.getPodSelector(), origin + ".podSelector");
            }
            if (peer.getNamespaceSelector() != null) {
                Selectors.validate(peer.getNamespaceSelector(), origin + ".namespaceSelector");
            }
            return new PeerSpec(peer.getPodSelector(), peer.getNamespaceSelector(), null, List.of());
        }
        Unknown.reject(block.getAdditionalProperties(), origin + ".ipBlock");
        Cidr cidr = Cidr.parse(block.getCidr(), origin + ".ipBlock.cidr");
        List<Cidr> except = new ArrayList<>();
        List<String> excepts = block.getExcept() == null ? List.of() : block.getExcept();
        for (int i = 0; i < excepts.size(); i++) {
            Cidr one = Cidr.parse(excepts.get(i), origin + ".ipBlock.except[" + i + "]");
            if (!cidr.covers(one)) {
                throw Misuse.argument(origin + ".ipBlock.except[" + i + "]", one + " is not inside " + cidr,
                        "an except must be a sub-range of the cidr (the API server rejects it)");
            }
            except.add(one);
        }
        return new PeerSpec(null, null, cidr, List.copyOf(except));
    }

    /**
     * Whether the peer matches the endpoint on the other side of a policy in {@code policyNamespace}.
     * Selectors match pods only, never an address outside the model.
     */
    boolean matches(Endpoint other, String policyNamespace, Map<String, NamespaceInfo> namespaceInfos) {
        if (cidr != null) {
            if (other.ip() == null) {
                return false;
            }
            IpAddress address = IpAddress.parse(other.ip(), other.display());
            return cidr.contains(address) && except.stream().noneMatch(e -> e.contains(address));
        }
        if (!(other instanceof PodInfo pod)) {
            return false;
        }
        boolean namespaceMatches = namespaces == null
                ? pod.namespace().equals(policyNamespace)
                : Selectors.matches(namespaces, namespaceInfos.get(pod.namespace()).labels());
        return namespaceMatches && (pods == null || Selectors.matches(pods, pod.labels()));
    }

    /** {@code pods with role=web in namespaces with team=a}, {@code IPs in 10.0.0.0/8 except 10.1.0.0/16}. */
    String describe(String policyNamespace) {
        if (cidr != null) {
            return "IPs in " + cidr + (except.isEmpty() ? ""
                    : " except " + String.join(", ", except.stream().map(Cidr::toString).toList()));
        }
        String podPart = pods == null || Selectors.isEmpty(pods) ? "all pods" : "pods with " + Selectors.describe(pods);
        String namespacePart = namespaces == null ? "namespace " + policyNamespace
                : Selectors.isEmpty(namespaces) ? "all namespaces"
                : "namespaces with " + Selectors.describe(namespaces);
        return podPart + " in " + namespacePart;
    }
}
