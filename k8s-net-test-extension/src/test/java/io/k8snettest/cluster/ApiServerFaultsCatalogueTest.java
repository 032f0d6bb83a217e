package io.k8snettest.cluster;

import static io.k8snettest.cluster.KubeconfigFiles.single;
import static io.k8snettest.cluster.KubeconfigFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.k8snettest.config.Settings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unreachable and misbehaving API servers (loopback fakes only): each gives a verdict within the
 * check's bound, naming the root cause and what to check. The elapsed time of each is printed.
 */
class ApiServerFaultsCatalogueTest {

    /** The bound promised to users: a verdict within about 20s whatever the server does. */
    private static final Duration VERDICT_BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private AbstractThrowableAssert<?, ? extends Throwable> assertVerdict(String name, String kubeconfigYaml) {
        Path file = write(dir, "config", kubeconfigYaml);
        Settings settings = new Settings(key -> Optional.of(file.toString()).filter(v -> key.equals("k8snet.kubeconfig")),
                key -> null);
        long start = System.nanoTime();
        var assertion = assertThatThrownBy(() -> new KubeconfigClusterProvider(key -> null, dir.toString()).start(settings))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("k8s-net-test: cannot reach the API server of kubeconfig " + file + " (context c), server ");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("[api-server fault] " + name + ": verdict after " + elapsed.toMillis() + " ms");
        assertThat(elapsed).isLessThan(VERDICT_BOUND);
        return assertion;
    }

    @Test
    @DisplayName("bad input: API server address where nobody listens (connection refused)")
    void refused() throws Exception {
        int port = LoopbackServers.closedPort();

        assertVerdict("refused", single("https://127.0.0.1:" + port, "c", "c"))
                .hasMessageContaining("connection refused by 127.0.0.1:" + port + ": nothing listens there. Check that the"
                        + " cluster is running and the server address of the kubeconfig's cluster.");
    }

    @Test
    @DisplayName("bad input: API server that accepts connections and never answers")
    void neverAnswers() throws Exception {
        try (var silent = new LoopbackServers.Silent()) {
            assertVerdict("never answers", single("https://127.0.0.1:" + silent.port(), "c", "c"))
                    .hasMessageContaining("no answer within")
                    .hasMessageContaining("The connection was accepted but the server never answered: check the server address"
                            + " and port (is it an API server?)");
            assertThat(silent.accepted).as("one attempt, no retries").hasValue(1);
        }
    }

    @Test
    @DisplayName("bad input: plain HTTP behind an https:// server address")
    void plainHttp() {
        KubernetesMockServer http = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), false);
        http.init(InetAddress.getLoopbackAddress(), 0);
        try {
            assertVerdict("plain HTTP", single("https://127.0.0.1:" + http.getPort(), "c", "c"))
                    .hasMessageContaining("TLS handshake with 127.0.0.1:" + http.getPort() + " failed: the server does not"
                            + " speak TLS (plain HTTP on an https:// address?)");
        } finally {
            http.destroy();
        }
    }

    @Test
    @DisplayName("bad input: self-signed API server certificate the kubeconfig does not trust")
    void untrustedCertificate() throws Exception {
        try (var tls = LoopbackServers.SelfSignedTls.start(dir, "ip:127.0.0.1")) {
            String kubeconfig = single("https://127.0.0.1:" + tls.port(), "c", "c").replace("    insecure-skip-tls-verify: true\n", "");

            assertVerdict("untrusted certificate", kubeconfig)
                    .hasMessageContaining("TLS handshake with 127.0.0.1:" + tls.port() + " failed: certificate not trusted")
                    .hasMessageContaining("Check certificate-authority(-data) of the kubeconfig's cluster");
        }
    }

    @Test
    @DisplayName("bad input: API server certificate issued for another host name")
    void hostnameMismatch() throws Exception {
        try (var tls = LoopbackServers.SelfSignedTls.start(dir, "dns:api.other-cluster.invalid")) {
            assertVerdict("hostname mismatch", KubeconfigFiles.trusting("https://127.0.0.1:" + tls.port(), tls.certificatePem))
                    .hasMessageContaining("TLS handshake with 127.0.0.1:" + tls.port() + " failed: hostname mismatch");
        }
    }

    @Test
    @DisplayName("bad input: API server answers 401 to the kubeconfig's user")
    void unauthorized() {
        assertHttpVerdict(401, "/version", "HTTP 401 Unauthorized: the server did not accept the credentials of user 'alice'. Check that"
                + " its token, client certificate or exec plugin in the kubeconfig is valid and not expired.");
    }

    @Test
    @DisplayName("bad input: API server answers 403 to the kubeconfig's user")
    void forbidden() {
        assertHttpVerdict(403, "/api/v1/namespaces?limit=1", "(list namespaces): HTTP 403 Forbidden: user 'alice' may not list"
                + " namespaces. Check the user's RBAC bindings (the tests need to create namespaces, deployments, services,"
                + " pods, pods/exec and pods/portforward).");
    }

    private void assertHttpVerdict(int code, String path, String message) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), true);
        server.init(InetAddress.getLoopbackAddress(), 0);
        server.clearExpectations();
        server.expect().get().withPath(path).andReturn(code, "{\"kind\":\"Status\",\"code\":" + code + "}").always();
        server.expect().get().withPath("/version").andReturn(200, "{\"gitVersion\":\"v1.34.1\"}").always();
        try {
            assertVerdict("HTTP " + code, single("https://127.0.0.1:" + server.getPort(), "c", "c")).hasMessageContaining(message);
        } finally {
            server.destroy();
        }
    }

    @Test
    void aHealthyServerGivesAClientWithTheRunsTimeouts() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), true);
        server.init(InetAddress.getLoopbackAddress(), 0);
        server.expect().get().withPath("/api/v1/namespaces?limit=1").andReturn(200, "{\"kind\":\"NamespaceList\",\"items\":[]}")
                .always();
        Path file = write(dir, "config", single("https://127.0.0.1:" + server.getPort(), "c", "c"));
        Settings settings = new Settings(key -> Optional.of(file.toString()).filter(v -> key.equals("k8snet.kubeconfig")),
                key -> null);
        try (ClusterHandle handle = new KubeconfigClusterProvider(key -> null, dir.toString()).start(settings)) {
            var config = handle.client().getConfiguration();

            assertThat(handle.description()).startsWith("kubeconfig " + file + " (context c), server https://127.0.0.1:")
                    .contains("(Kubernetes ");
            assertThat(config.getRequestTimeout()).as("later requests keep a normal timeout")
                    .isEqualTo((int) KubeconfigClusterProvider.REQUEST_TIMEOUT.toMillis());
            assertThat(config.getRequestRetryBackoffLimit()).isEqualTo(KubeconfigClusterProvider.REQUEST_RETRIES);
        } finally {
            server.destroy();
        }
    }
}
