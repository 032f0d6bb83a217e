package io.k8snettest.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.TransportProtocol;
import io.k8snettest.probe.ProbeOutcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixScriptTest {

    private static final List<Path> BUSYBOX_PLACES = List.of(Path.of("/usr/bin/busybox"), Path.of("/bin/busybox"));
    private static final String INSTALL_HINT = "busybox is not installed here (looked at /usr/bin/busybox, /bin/busybox):"
            + " install the Debian package busybox-static (apt-get install busybox-static), as"
            + " .ci/local-cluster/install-deps.sh does from apt-packages.txt";

    @Test
    void aModelConnectsOverTcpWithNcAndOverUdpOrSctpWithAgnhostAndItsReproNamesTheContainer() {
        MatrixScript.Probe tcp = MatrixScript.connect("x/b:80/tcp", "10.244.0.7", 80, TransportProtocol.TCP, 1);
        MatrixScript.Probe udp = MatrixScript.connect("x/b:81/udp", "10.244.0.7", 81, TransportProtocol.UDP, 1);
        MatrixScript.Probe sctp = MatrixScript.connect("x/b:81/sctp", "fd00::7", 81, TransportProtocol.SCTP, 1);

        assertThat(tcp.command()).isEqualTo("nc -w 1 10.244.0.7 80 -e true </dev/null");
        assertThat(udp.command()).isEqualTo("/agnhost connect 10.244.0.7:81 --timeout=1s --protocol=udp");
        assertThat(sctp.command()).isEqualTo("/agnhost connect [fd00::7]:81 --timeout=1s --protocol=sctp");
        assertThat(MatrixScript.reproduce(io.k8snettest.probe.DefaultProbeClient.ofProbePod(null, "ns-x", "a"), udp))
                .isEqualTo("kubectl exec -n ns-x a -c probe -- sh -c '/agnhost connect 10.244.0.7:81 --timeout=1s --protocol=udp'");
    }

    @Test
    void oneLinePerTargetInTheBackgroundThenWait() {
        MatrixScript.Probe tcp = MatrixScript.probe("svc-a", "10.96.0.10", 80, ProbeProtocol.TCP, "/", 3);
        MatrixScript.Probe http = MatrixScript.probe("svc-b", "10.96.0.11", 8080, ProbeProtocol.HTTP, "/", 3);

        assertThat(tcp.command()).isEqualTo("nc -w 3 10.96.0.10 80 -e true </dev/null");
        assertThat(http.command()).isEqualTo("timeout 3 wget -q -S -O - http://10.96.0.11:8080/");
        assertThat(MatrixScript.script(List.of(tcp, http))).isEqualTo(
                "( out=$(nc -w 3 10.96.0.10 80 -e true </dev/null 2>&1); rc=$?; if [ $rc -eq 0 ]; then echo \"svc-a OK $rc\"; else echo \"svc-a FAIL $rc\"; fi ) &\n"
                + "( out=$(timeout 3 wget -q -S -O - http://10.96.0.11:8080/ 2>&1); rc=$?; if case \"$out\" in *HTTP/*) true;; *) false;; esac;"
                + " then echo \"svc-b OK $rc\"; else echo \"svc-b FAIL $rc\"; fi ) &\n"
                + "wait\n");
    }

    @Test
    void parsesLinesInAnyOrderAndMissingOnesAreErrors() {
        Map<String, MatrixScript.Cell> cells = MatrixScript.parse("svc-b FAIL 1\nnoise\nsvc-a OK 0\r\nother OK 0\n",
                List.of("svc-a", "svc-b", "svc-c"));

        assertThat(cells).containsOnlyKeys("svc-a", "svc-b", "svc-c");
        assertThat(cells.get("svc-a")).isEqualTo(new MatrixScript.Cell(ProbeOutcome.REACHED, 0));
        assertThat(cells.get("svc-b")).isEqualTo(new MatrixScript.Cell(ProbeOutcome.BLOCKED, 1));
        assertThat(cells.get("svc-c")).isEqualTo(new MatrixScript.Cell(ProbeOutcome.ERROR, -1));
        assertThat(MatrixScript.parse(null, List.of("x")).get("x").outcome()).isEqualTo(ProbeOutcome.ERROR);
    }

    @Test
    void reproductionIsAPasteableKubectlExec() {
        MatrixScript.Probe tcp = MatrixScript.probe("svc-a", "10.96.0.10", 80, ProbeProtocol.TCP, "/", 3);

        assertThat(MatrixScript.reproduce("k8snet-x-ab12c", "frontend", tcp))
                .isEqualTo("kubectl exec -n k8snet-x-ab12c frontend -- sh -c 'nc -w 3 10.96.0.10 80 -e true </dev/null'");
    }

    /**
     * The generated script, run by busybox sh with busybox nc and wget as in the probe image, on loopback.
     * Needs a host busybox: where CI runs (environment {@code CI=true}, or a required cluster as
     * {@code .ci/run} sets) a missing one fails with the install hint; elsewhere the test is skipped with it.
     */
    @Test
    void theScriptRunsInBusyboxAndTellsReachedFromBlocked(@TempDir Path bin) throws Exception {
        // a copy inside the temp dir: links to it are cleaned up without JUnit's "outside of temp dir" warnings
        Path busybox = Files.copy(busybox(), bin.resolve("busybox"));
        for (String applet : List.of("sh", "nc", "wget", "true", "timeout")) {
            Files.createSymbolicLink(bin.resolve(applet), busybox);
        }
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1); // any answer means the packets got through
            exchange.close();
        });
        http.start();
        try (ServerSocket open = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            int closed = freePort();
            List<MatrixScript.Probe> probes = List.of(
                    MatrixScript.probe("tcp-open", "127.0.0.1", open.getLocalPort(), ProbeProtocol.TCP, "/", 1),
                    MatrixScript.probe("tcp-closed", "127.0.0.1", closed, ProbeProtocol.TCP, "/", 1),
                    MatrixScript.probe("http-404", "127.0.0.1", http.getAddress().getPort(), ProbeProtocol.HTTP, "/", 2),
                    MatrixScript.probe("http-closed", "127.0.0.1", closed, ProbeProtocol.HTTP, "/", 1));

            String output = run(bin, MatrixScript.script(probes));
            Map<String, MatrixScript.Cell> cells = MatrixScript.parse(output, probes.stream().map(MatrixScript.Probe::label).toList());

            assertThat(cells.get("tcp-open").outcome()).as(output).isEqualTo(ProbeOutcome.REACHED);
            assertThat(cells.get("tcp-closed").outcome()).isEqualTo(ProbeOutcome.BLOCKED);
            assertThat(cells.get("http-404").outcome()).as(output).isEqualTo(ProbeOutcome.REACHED);
            assertThat(cells.get("http-closed").outcome()).isEqualTo(ProbeOutcome.BLOCKED);
        } finally {
            http.stop(0);
        }
    }

    private static Path busybox() {
        Optional<Path> found = BUSYBOX_PLACES.stream().filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && mustNotSkip()) {
            fail(INSTALL_HINT + " (not skipped: CI=true or k8snet.require-cluster=true)");
        }
        assumeTrue(found.isPresent(), INSTALL_HINT);
        return found.orElseThrow();
    }

    /** CI runs with {@code CI=true} or, like {@code .ci/run}, with a required cluster: nothing may be skipped there. */
    private static boolean mustNotSkip() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getenv("K8SNET_REQUIRE_CLUSTER"))
                || "true".equalsIgnoreCase(System.getProperty("k8snet.require-cluster"));
    }

    private static String run(Path bin, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("sh").toString(), "-c", script).redirectErrorStream(true);
        pb.environment().put("PATH", bin.toString());
        Process p = pb.start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("script finished").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
