package io.k8snettest.examples.nodes;

import static io.k8snettest.examples.nodes.NodeFacts.AGNHOST;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.Locality;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.Via;
import io.k8snettest.api.WithDeployment;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * A deployment spread across the nodes, and every replica answering from a client on every node:
 * same-node and cross-node paths both, told apart in the report.
 */
@K8sNetTest
@WithDeployment(name = "hostnames", image = AGNHOST, replicas = 2, port = 8080, args = {"netexec", "--http-port=8080"},
        spreadAcrossNodes = true)
@ExposeService(deployment = "hostnames", port = 80, targetPort = 8080)
class EveryReplicaFromEveryNodeTest {

    /** Declared: each endpoint, from one client per node. */
    @Test
    @ReachableFrom(client = "everywhere", service = "hostnames", via = Via.EACH_ENDPOINT, fromEveryNode = true)
    void everyReplicaAnswersFromEveryNode(NetTest net) {
        Set<String> nodes = net.deployment("hostnames").pods().stream().map(Pod::getSpec).map(s -> s.getNodeName())
                .collect(Collectors.toSet());
        assertThat(nodes).as("replicas spread over two nodes").hasSize(2);
    }

    /** The matrix: one row per node, one column per replica; each cell says whether it crossed nodes. */
    @Test
    void aMatrixFromEveryNodeShowsSameAndCrossNodeCells(NetTest net, TestReporter reporter) {
        ReachabilityMatrix.Result result = net.matrix()
                .sourceOnEveryNode(ClientSpec.named("row").build())
                .podsLabelled("app=hostnames", 8080, ProbeProtocol.TCP)
                .allowAllTo("app=hostnames")   // no policy here: every cell must connect
                .assertMatches();

        EnumSet<Locality> seen = EnumSet.noneOf(Locality.class);
        for (String source : result.sources()) {
            for (String target : result.targets()) {
                seen.add(result.locality(source, target));
            }
        }
        reporter.publishEntry("localities", seen.toString());
        assertThat(result.sources()).hasSize(2);
        assertThat(seen).containsExactlyInAnyOrder(Locality.SAME_NODE, Locality.CROSS_NODE);
    }
}
