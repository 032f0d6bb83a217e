package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ClientSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeCommandsTest {

    @Test
    void httpProbeIsBusyboxWgetWithStatusLinesAndTimeout() {
        assertThat(ProbeCommands.http("10.96.0.12", 80, "/", 3))
                .containsExactly("timeout", "3", "wget", "-q", "-S", "-O", "-", "http://10.96.0.12:80/");
        assertThat(ProbeCommands.url("my-nginx.ns.svc.cluster.local", 8080, "healthz"))
                .isEqualTo("http://my-nginx.ns.svc.cluster.local:8080/healthz");
        assertThat(ProbeCommands.url("fd00::1", 80, "/")).isEqualTo("http://[fd00::1]:80/");
    }

    @Test
    void tcpProbeIsNcWithoutZBecauseNotEveryBusyboxBuildHasIt() {
        assertThat(ProbeCommands.tcp("10.96.0.12", 80, 2)).containsExactly("sh", "-c", "nc -w 2 10.96.0.12 80 -e true </dev/null");
    }

    @Test
    void statusIsTheLastStatusLineOfWgetS() {
        assertThat(ProbeCommands.httpStatus("  HTTP/1.1 200 OK\n  Server: nginx/1.27.0\n  Content-Type: text/html\n"))
                .isEqualTo(200);
        assertThat(ProbeCommands.httpStatus("  HTTP/1.1 301 Moved Permanently\n  Location: /x/\n  HTTP/1.1 404 Not Found\n"
                + "wget: server returned error: HTTP/1.1 404 Not Found\n")).isEqualTo(404);
        assertThat(ProbeCommands.httpStatus("wget: can't connect to remote host (10.96.0.12): Connection refused"))
                .isEqualTo(-1);
        assertThat(ProbeCommands.httpStatus("wget: download timed out")).isEqualTo(-1);
        assertThat(ProbeCommands.httpStatus(null)).isEqualTo(-1);
    }

    @Test
    void httpExpectationIsStatusAndOptionalBodySubstring() {
        String body = "<html><head><title>Welcome to nginx!</title>";
        assertThat(ProbeCommands.httpMatches(200, body, 200, "<title>Welcome to nginx!</title>")).isTrue();
        assertThat(ProbeCommands.httpMatches(200, body, 200, "")).isTrue();
        assertThat(ProbeCommands.httpMatches(200, body, 200, "Apache")).isFalse();
        assertThat(ProbeCommands.httpMatches(503, body, 200, "")).isFalse();
    }

    @Test
    void timeoutsRoundUpToWholeSeconds() {
        assertThat(ProbeCommands.seconds(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(ProbeCommands.seconds(Duration.ZERO)).isEqualTo(1);
    }

    @Test
    void probePodPassesPodSecurityRestrictedAndCarriesTheClientsIdentity() {
        var pod = ProbePods.pod(ClientSpec.named("load-generator").label("access", "true").env("MyClusterIP", "10.96.0.12").build(),
                "k8snet-x", "busybox:1.35.0");

        var container = pod.getSpec().getContainers().get(0);
        assertThat(pod.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "k8s-net-test")
                .containsEntry("k8s-net-test.io/client", "load-generator").containsEntry("access", "true");
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(container.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).containsExactly("MyClusterIP=10.96.0.12");
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(65534L);
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(1L);
    }
}
