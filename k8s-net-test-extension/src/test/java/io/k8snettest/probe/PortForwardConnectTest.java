package io.k8snettest.probe;

import static io.k8snettest.k8s.Services.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.k8snettest.k8s.Services;
import io.k8snettest.api.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The TCP connect through the port-forward websocket, against the mock API server playing the
 * kubelet: it sends the port on the data and the error channel, then (for a refused dial) the
 * error. The connect tells the two apart instead of trusting a local socket that always accepts.
 */
@EnableKubernetesMockClient
class PortForwardConnectTest {

    private static final String PATH = "/api/v1/namespaces/ns/pods/web-1/portforward?ports=";

    KubernetesClient client;
    KubernetesMockServer server;

    private static byte[] port(int port) {
        return new byte[] {(byte) (port & 0xff), (byte) (port >> 8)};
    }

    private ProbeResult connect(int port) {
        return new PortForwardConnect(client, Duration.ofSeconds(3)).connect("ns", "web-1", port);
    }

    @Test
    void aPortThatAcceptsIsConnectedOnceNoErrorFollowsThePortPrefixes() {
        server.expect().withPath(PATH + 80).andUpgradeToWebSocket().open()
                .waitFor(10).andEmit(frame(0, port(80))).waitFor(10).andEmit(frame(1, port(80)))
                .expect("a request that never comes").andEmit(frame(0, port(80))).once().done().once(); // stays open

        ProbeResult r = connect(80);

        assertThat(r.success()).as(r.toString()).isTrue();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("held the connection open");
        assertThat(r.duration()).isGreaterThanOrEqualTo(PortForwardConnect.SETTLE);
        assertThat(r.commandLine()).isEqualTo("kubectl port-forward -n ns pod/web-1 :80");
    }

    @Test
    void aPodThatSendsDataIsConnectedAtOnce() {
        server.expect().withPath(PATH + 22).andUpgradeToWebSocket().open()
                .waitFor(10).andEmit(frame(0, port(22))).waitFor(10).andEmit(frame(1, port(22)))
                .waitFor(10).andEmit(frame(0, "SSH-2.0-x\r\n".getBytes(StandardCharsets.US_ASCII))).done().once();

        ProbeResult r = connect(22);

        assertThat(r.success()).as(r.toString()).isTrue();
        assertThat(r.stderr()).contains("the pod sent 11 byte(s)");
        assertThat(r.duration()).isLessThan(PortForwardConnect.SETTLE);
    }

    @Test
    void aRefusedDialReportedOnTheErrorChannelIsARefusal() {
        String kubelet = "error forwarding port 81 to pod 0b5f, uid : failed to execute portforward in network namespace"
                + " \"/var/run/netns/cni-1\": failed to connect to localhost:81 inside namespace \"0b5f\", IPv4: dial tcp4"
                + " 127.0.0.1:81: connect: connection refused IPv6 dial tcp6 [::1]:81: connect: connection refused ";
        server.expect().withPath(PATH + 81).andUpgradeToWebSocket().open()
                .waitFor(10).andEmit(frame(0, port(81))).waitFor(10).andEmit(frame(1, port(81)))
                .waitFor(10).andEmit(frame(1, kubelet.getBytes(StandardCharsets.UTF_8))).done().once();

        ProbeResult r = connect(81);

        assertThat(r.success()).isFalse();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("127.0.0.1:81: connect: connection refused");
        assertThat(ProbeHints.refused(r)).isTrue();
        assertThat(r.duration()).isLessThan(PortForwardConnect.SETTLE);
    }

    @Test
    void noPortForwardAtAllIsNoVerdictOnThePort() {
        ProbeResult r = connect(82); // no expectation: the mock server answers 404 to the upgrade

        assertThat(r.success()).isFalse();
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(ProbeHints.refused(r)).isFalse();
    }
}
