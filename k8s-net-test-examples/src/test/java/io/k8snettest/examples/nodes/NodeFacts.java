package io.k8snettest.examples.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.k8snettest.api.NetTest;
import java.util.Map;
import java.util.TreeMap;

/** What the cross-node examples read about nodes and pods, through the test's Kubernetes client. */
final class NodeFacts {

    /** agnhost: {@code netexec} answers {@code /hostname} with its pod name and {@code /clientip} with "ip:port". */
    static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.56";

    private NodeFacts() {
    }

    /** The node a pod of the test namespace runs on. */
    static String nodeOf(NetTest net, String pod) {
        return net.kubernetesClient().pods().inNamespace(net.namespace()).withName(pod).get().getSpec().getNodeName();
    }

    /** Each node's InternalIP, by node name. */
    static Map<String, String> internalIps(NetTest net) {
        Map<String, String> ips = new TreeMap<>();
        for (Node node : net.kubernetesClient().nodes().list().getItems()) {
            node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress)
                    .findFirst().ifPresent(ip -> ips.put(node.getMetadata().getName(), ip));
        }
        return ips;
    }
}
