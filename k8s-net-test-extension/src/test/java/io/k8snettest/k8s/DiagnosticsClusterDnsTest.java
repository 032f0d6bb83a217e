package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diagnostics end with the state of cluster DNS: how many ready endpoints kube-system/kube-dns has. */
@EnableKubernetesMockClient(crud = true)
class DiagnosticsClusterDnsTest {

    KubernetesClient client;

    private void slice(String name, boolean... ready) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace("kube-system")
                .addToLabels("kubernetes.io/service-name", "kube-dns").endMetadata().withAddressType("IPv4");
        for (int i = 0; i < ready.length; i++) {
            b.addNewEndpoint().withAddresses("10.244.0." + (i + 2)).withNewConditions().withReady(ready[i]).endConditions()
                    .endEndpoint();
        }
        client.discovery().v1().endpointSlices().inNamespace("kube-system").resource(b.build()).create();
    }

    @Test
    void aDnsServiceWithoutEndpointsSaysDnsIsNotAnswering() {
        slice("kube-dns-a"); // CoreDNS scaled to 0: a slice without endpoints (null in the object)

        assertThat(new Diagnostics(client).render(List.of("ns"))).endsWith(
                "cluster DNS: kube-system/kube-dns has no ready endpoint: DNS is not answering");
    }

    @Test
    void readyEndpointsAreCountedAndUnreadyOnesAreNot() {
        slice("kube-dns-a", true, false);
        slice("kube-dns-b", true);

        assertThat(new Diagnostics(client).clusterDns()).isEqualTo("kube-system/kube-dns has 2 ready endpoint(s)");
    }

    @Test
    void noDnsServiceAtAllIsSaid() {
        assertThat(new Diagnostics(client).clusterDns()).startsWith("kube-system/kube-dns has no endpoint slices");
    }
}
