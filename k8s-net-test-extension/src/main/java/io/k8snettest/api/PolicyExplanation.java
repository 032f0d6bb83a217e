package io.k8snettest.api;

/**
 * What the NetworkPolicy API decides for one connection, computed from the policies, pods and
 * namespaces in the cluster without sending a packet ({@link NetTest#explainPolicy}).
 *
 * @param source the client, {@code namespace/pod} or an IP
 * @param target the server, {@code namespace/pod} or an IP
 * @param port the destination port
 * @param protocol TCP, UDP or SCTP
 * @param allowed whether the policies allow the connection (ingress at the target and egress at the source)
 * @param reason why, e.g. {@code denied: ingress to x/a:80/TCP from y/b: x/a is selected by x/deny-all; no
 *               ingress rule admits y/b on 80/TCP (x/deny-all admits nothing)}
 */
public record PolicyExplanation(String source, String target, int port, String protocol, boolean allowed, String reason) {

    @Override
    public String toString() {
        return reason;
    }
}
