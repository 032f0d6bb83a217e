package io.k8snettest.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.DeploymentHandle;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.WithManifest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The walkthrough "Connecting applications with services", step by step, with the seed's
 * {@code run-my-nginx.yaml} applied verbatim (untagged {@code image: nginx}, its own
 * {@code namespace: my-nginx} replaced by the test namespace).
 */
@K8sNetTest
@WithManifest("run-my-nginx.yaml")                  // kubectl -n my-nginx apply -f run-my-nginx.yaml
@ExposeService(deployment = "my-nginx")             // kubectl -n my-nginx expose deployment/my-nginx
class SeedWalkthroughTest {

    private static final String WELCOME_TITLE = "<title>Welcome to nginx!</title>";

    @Test
    void bothReplicasRunAndAreReadyEachWithAPodIp(NetTest net) {
        DeploymentHandle nginx = net.deployment("my-nginx");

        assertThat(nginx.pods()).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(isReady(pod)).as("pod %s Ready", pod.getMetadata().getName()).isTrue();
            assertThat(pod.getStatus().getPodIP()).isNotBlank();
            assertThat(pod.getSpec().getNodeName()).isNotBlank();
        });
        assertThat(nginx.readyPodIps()).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void exposeCreatesAClusterIpServiceFromTheDeploymentsSelector(KubernetesClient client, NetTest net) {
        Service svc = client.services().inNamespace(net.namespace()).withName("my-nginx").get();

        assertThat(svc.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(svc.getSpec().getSelector()).isEqualTo(Map.of("run", "my-nginx"));
        assertThat(svc.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(80);
            assertThat(port.getTargetPort().getIntVal()).isEqualTo(80);
            assertThat(port.getProtocol()).isEqualTo("TCP");
        });
    }

    @Test
    void theClusterIpIsVirtualNoPodHasIt(NetTest net) {
        ServiceHandle svc = net.service("my-nginx");

        assertThat(svc.clusterIP()).isNotBlank().isNotEqualTo("None");
        assertThat(net.deployment("my-nginx").readyPodIps()).doesNotContain(svc.clusterIP());
        assertThat(svc.endpointIps()).doesNotContain(svc.clusterIP());
    }

    @Test
    void endpointsAreExactlyTheReadyPodsOnPort80(NetTest net) {
        ServiceHandle svc = net.service("my-nginx");

        assertThat(svc.endpointIps()).containsExactlyInAnyOrderElementsOf(net.deployment("my-nginx").readyPodIps());
        assertThat(svc.endpoints()).hasSize(2).allSatisfy(endpoint -> assertThat(endpoint.port()).isEqualTo(80));
    }

    /** The seed's last step, literally: {@code wget -q -O - ${MyClusterIP} | grep '<title>'} from load-generator. */
    @Test
    void loadGeneratorFetchesTheWelcomePageThroughTheClusterIp(NetTest net) {
        ProbeClient loadGenerator = loadGenerator(net);

        ProbeResult page = await("load-generator: wget -q -O - ${MyClusterIP} | grep '<title>'")
                .atMost(net.probeTimeout())
                .until(() -> loadGenerator.exec("sh", "-c", "wget -q -O - ${MyClusterIP} | grep '<title>'"),
                        result -> result.exitCode() == 0);

        assertThat(page.stdout().strip()).as(page.toString()).isEqualTo(WELCOME_TITLE);
    }

    /** The name answers with the welcome page (awaitHttp fails the test otherwise) and resolves to the ClusterIP, not to a pod. */
    @Test
    void theServiceDnsNameWorksFromTheClient(NetTest net) {
        ServiceHandle svc = net.service("my-nginx");
        assertThat(svc.dnsName()).isEqualTo("my-nginx." + net.namespace() + ".svc.cluster.local");
        ProbeClient loadGenerator = loadGenerator(net);

        loadGenerator.awaitHttp(svc.dnsName(), 80, "/", 200, WELCOME_TITLE, net.probeTimeout());
        ProbeResult lookup = loadGenerator.exec("nslookup", svc.dnsName());

        // busybox: "Server: <dns>", "Address: <dns>:53", then "Name: <name>" and "Address: <answer>"
        String answers = lookup.stdout().substring(Math.max(0, lookup.stdout().indexOf("Name:")));
        assertThat(answers.lines().filter(line -> line.startsWith("Address:")).map(line -> line.substring(8).strip()))
                .as(lookup.toString())
                .containsExactly(svc.clusterIP());
    }

    /** The walkthrough's client: {@code kubectl run load-generator --env="MyClusterIP=${MyClusterIP}" --image=busybox}. */
    private static ProbeClient loadGenerator(NetTest net) {
        return net.client(ClientSpec.named("load-generator")
                .env("MyClusterIP", net.service("my-nginx").clusterIP())
                .build());
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
