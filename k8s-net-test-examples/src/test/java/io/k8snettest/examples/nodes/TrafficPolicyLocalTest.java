package io.k8snettest.examples.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.WithManifest;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * {@code externalTrafficPolicy: Local} on a NodePort: only the node that runs an endpoint answers, and
 * the server sees the client's own address (with {@code Cluster} every node answers, with SNAT); and
 * {@code internalTrafficPolicy: Local}: only pods on the endpoint's node reach the ClusterIP.
 */
@K8sNetTest
@WithManifest("nodes/traffic-policy-local.yaml")
class TrafficPolicyLocalTest {

    /** Pods: the ClusterIP of an internalTrafficPolicy Local service works on the endpoint's node only. */
    @Test
    @ReachableFrom(client = "near", service = "internal-local", clientSameNodeAs = "app=local-web")
    @NotReachableFrom(client = "far", service = "internal-local", clientOtherNodeThan = "app=local-web",
            controlClient = "near", stabilityWindow = "5s")
    void internalTrafficPolicyLocalServesOnlyTheEndpointsNode() {
    }

    @Test
    void externalTrafficPolicyLocalAnswersOnlyOnTheEndpointsNodeAndKeepsTheClientAddress(NetTest net, TestReporter reporter) {
        Map<String, String> nodeIps = NodeFacts.internalIps(net);
        Map<String, String> clients = hostNetworkClients(net, nodeIps.size());
        String endpointNode = net.service("external-local").endpoints().get(0).nodeName();
        String otherNode = nodeIps.keySet().stream().filter(n -> !n.equals(endpointNode)).findFirst().orElseThrow();
        int local = nodePort(net.service("external-local"));
        int cluster = nodePort(net.service("external-cluster"));
        ProbeClient onOther = net.existingPod(clients.get(otherNode));
        ProbeClient onEndpointNode = net.existingPod(clients.get(endpointNode));
        Duration timeout = net.probeTimeout();

        // from the other node to the endpoint's node: answered there, the client's node address kept
        onOther.awaitHttp(nodeIps.get(endpointNode), local, "/clientip", 200, nodeIps.get(otherNode) + ":", timeout);
        // to the node without an endpoint: with Cluster it answers (its kube-proxy has the services), but SNATed ...
        ProbeResult viaCluster = onEndpointNode.awaitHttp(nodeIps.get(otherNode), cluster, "/clientip", 200, ":", timeout);
        assertThat(viaCluster.stdout()).as("Cluster policy: the forwarding node replaced the client's address")
                .doesNotStartWith(nodeIps.get(endpointNode) + ":");
        // ... and with Local it does not answer at all
        onEndpointNode.assertTcpBlockedFor(nodeIps.get(otherNode), local, Duration.ofSeconds(5));

        reporter.publishEntry("traffic-policy", "endpoint on " + endpointNode + "; Local NodePort " + local
                + " answers on " + endpointNode + " only; Cluster NodePort " + cluster + " via " + otherNode
                + " saw " + viaCluster.stdout().strip());
    }

    /** The DaemonSet's pod on each node, by node name, once every node runs one that is Ready. */
    private static Map<String, String> hostNetworkClients(NetTest net, int nodes) {
        net.kubernetesClient().apps().daemonSets().inNamespace(net.namespace()).withName("node-client")
                .waitUntilCondition(TrafficPolicyLocalTest::everyNodeReady, net.probeTimeout().toSeconds() * 6, TimeUnit.SECONDS);
        Map<String, String> byNode = new TreeMap<>();
        for (Pod pod : net.kubernetesClient().pods().inNamespace(net.namespace()).withLabel("app", "node-client").list()
                .getItems()) {
            byNode.put(pod.getSpec().getNodeName(), pod.getMetadata().getName());
        }
        assertThat(byNode).as("a host-network client on every node").hasSize(nodes);
        return byNode;
    }

    private static boolean everyNodeReady(DaemonSet ds) {
        return ds != null && ds.getStatus() != null && ds.getStatus().getDesiredNumberScheduled() != null
                && ds.getStatus().getDesiredNumberScheduled() > 0
                && ds.getStatus().getDesiredNumberScheduled().equals(ds.getStatus().getNumberReady());
    }

    private static int nodePort(ServiceHandle svc) {
        return svc.ports().get(0).nodePort();
    }
}
