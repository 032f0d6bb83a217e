package io.k8snettest.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.TransportProtocol;
import org.junit.jupiter.api.Test;

class ModelPodsTest {

    @Test
    void onePodPerNameWithOneServerContainerPerPortAndProtocolAsUpstreamNamesThem() {
        ModelSpec spec = ModelSpec.standard().withProtocols(TransportProtocol.TCP, TransportProtocol.UDP, TransportProtocol.SCTP);
        Pod pod = ModelPods.pod(spec, "k8snet-t-abcde-x", "a");

        assertThat(pod.getMetadata().getLabels()).containsExactlyEntriesOf(java.util.Map.of("pod", "a"));
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly(
                "cont-80-tcp", "cont-80-udp", "cont-80-sctp", "cont-81-tcp", "cont-81-udp", "cont-81-sctp");
        Container tcp = pod.getSpec().getContainers().get(0);
        assertThat(tcp.getCommand()).containsExactly("/agnhost", "serve-hostname", "--tcp", "--http=false", "--port", "80");
        assertThat(tcp.getPorts().get(0).getName()).isEqualTo("serve-80-tcp");
        assertThat(tcp.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(80);
        Container udp = pod.getSpec().getContainers().get(1);
        assertThat(udp.getCommand()).contains("--udp");
        assertThat(udp.getPorts().get(0).getProtocol()).isEqualTo("UDP");
        assertThat(udp.getReadinessProbe().getExec().getCommand())
                .containsExactly("/agnhost", "connect", "127.0.0.1:80", "--timeout=1s", "--protocol=udp");
        Container sctp = pod.getSpec().getContainers().get(2);
        assertThat(sctp.getCommand()).containsExactly("/agnhost", "porter");
        assertThat(sctp.getEnv().get(0).getName()).isEqualTo("SERVE_SCTP_PORT_80");
        assertThat(ModelPods.probeContainer(spec)).isEqualTo("cont-80-tcp");
    }
}
