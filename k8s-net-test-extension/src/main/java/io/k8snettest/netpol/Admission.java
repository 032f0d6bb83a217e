package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The rule, peer and port entry of a policy that admitted a cell.
 *
 * @param policy the policy, {@code namespace/name}
 * @param rule the rule's path, e.g. {@code ingress[0]}
 * @param peer the index of the admitting peer in {@code from}/{@code to}, -1 when the rule has none (any peer)
 * @param port the index of the admitting entry in {@code ports}, -1 when the rule has none (any port)
 * @param text the rule's admitting parts in words
 */
@API(status = INTERNAL, since = "0.1")
public record Admission(String policy, String rule, int peer, int port, String text) {

    @Override
    public String toString() {
        return text;
    }
}
