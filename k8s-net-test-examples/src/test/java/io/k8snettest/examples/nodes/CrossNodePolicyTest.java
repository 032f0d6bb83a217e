package io.k8snettest.examples.nodes;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.Test;

/**
 * NetworkPolicy enforced on the target's node against clients on the other node: default-deny
 * ingress, then allow-from-label, the seed walkthrough's two policies with every client placed away
 * from my-nginx (one replica, so "another node" exists on any cluster of two nodes).
 */
@K8sNetTest
@WithDeployment(name = "my-nginx", image = "nginx:1.22.1", port = 80, labels = "run=my-nginx")
@ExposeService(deployment = "my-nginx")
class CrossNodePolicyTest {

    private static final String WINDOW = "5s";

    @Test
    @WithManifest("policies/default-deny-ingress.yaml")
    @NotReachableFrom(client = "far", service = "my-nginx", clientOtherNodeThan = "run=my-nginx", stabilityWindow = WINDOW)
    void defaultDenyBlocksTheOtherNodesClient() {
    }

    @Test
    @WithManifest("policies/allow-my-nginx-from-access-label.yaml")
    @ReachableFrom(client = "trusted-far", clientLabels = "access=true", service = "my-nginx",
            clientOtherNodeThan = "run=my-nginx", expectBody = "<title>Welcome to nginx!</title>")
    @NotReachableFrom(client = "stranger-far", service = "my-nginx", clientOtherNodeThan = "run=my-nginx",
            controlClient = "trusted-far", stabilityWindow = WINDOW)
    void allowFromLabelAdmitsOnlyTheLabelledClientOfTheOtherNode() {
    }
}
