package io.k8snettest.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.api.TransportProtocol;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.ProbeClients;
import io.k8snettest.probe.ProbeContext;
import io.k8snettest.k8s.Namespaces;
import io.k8snettest.k8s.ReadinessWaiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A model matrix that does not match explains itself (issue 10, item 7): the truth table per port and
 * protocol, each wrong cell with its {@code kubectl exec} repro from the source's container, the
 * rounds, exec calls and time. The mock cluster answers no exec, so no allowed cell is ever reached.
 */
@EnableKubernetesMockClient
class ModelMatrixFailureTest {

    private static final RuntimeSettings SETTINGS = new RuntimeSettings("k8snet", "never", Duration.ofHours(1),
            "busybox:1.35.0", Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1));

    KubernetesClient client;
    io.fabric8.kubernetes.client.server.mock.KubernetesMockServer server;

    @Test
    @DisplayName("a wrong model matrix fails with tables per port/protocol, a repro per wrong cell, rounds and exec counts")
    void aMismatchNamesEveryWrongCellWithItsRepro() {
        AtomicInteger gate = new AtomicInteger();
        ModelMatrixRunner runner = new ModelMatrixRunner(new ProbeContext(client, "ns", SETTINGS, () -> "--- diagnostics ---",
                gate::incrementAndGet));
        List<ModelCells.Column> columns = List.of(
                new ModelCells.Column("x/a", "127.0.0.1", 80, TransportProtocol.TCP),
                new ModelCells.Column("x/b", "127.0.0.2", 80, TransportProtocol.TCP),
                new ModelCells.Column("x/a", "127.0.0.1", 81, TransportProtocol.UDP),
                new ModelCells.Column("x/b", "127.0.0.2", 81, TransportProtocol.UDP));
        boolean[][] expected = {{true, true, true, false}, {true, true, true, true}};
        List<DefaultProbeClient> sources = List.of(probe("ns-x", "a"), probe("ns-x", "b"));
        Map<String, String> entries = new ConcurrentHashMap<>();
        long start = System.nanoTime();

        assertThatThrownBy(() -> runner.run(new ModelCells(List.of("x/a", "x/b"), sources, columns, expected,
                Duration.ofSeconds(1)), io.k8snettest.report.Publisher.entries(entries::put)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("policy model matrix does not match: 2 x 4 matrix, ")
                .hasMessageContaining(" exec call(s), ")
                .hasMessageContaining("port 80/tcp (2 wrong cell(s))")
                .hasMessageContaining("port 81/udp (2 wrong cell(s))")
                .hasMessageContaining("x/a -   ?!\n")
                .hasMessageContaining("  x/b -> x/a:80/tcp: expected allow, never reached; last exit -1 (probe could not run)\n"
                        + "    reproduce: kubectl exec -n ns-x b -c cont-80-tcp -- sh -c 'nc -w 1 127.0.0.1 80 -e true </dev/null'")
                .hasMessageContaining("reproduce: kubectl exec -n ns-x b -c cont-80-tcp -- sh -c"
                        + " '/agnhost connect 127.0.0.1:81 --timeout=1s --protocol=udp'")
                .hasMessageContaining("--- diagnostics ---");

        assertThat(System.nanoTime() - start).as("bounded by the probe timeout plus a last round")
                .isLessThan(Duration.ofSeconds(20).toNanos());
        assertThat(gate.get()).as("a denied cell runs the canary first").isEqualTo(1);
        assertThat(entries.get(MatrixRunner.REPORT_KEY)).startsWith("2 x 4 matrix, ").contains("port 81/udp");
    }

    @Test
    @DisplayName("a table computed from the policies that the data plane does not match says the CNI disagrees, with each cell's reason")
    void aComputedMismatchBlamesTheCniAndExplainsEachCell() {
        ModelMatrixRunner runner = new ModelMatrixRunner(new ProbeContext(client, "ns", SETTINGS, () -> "", () -> { }));
        List<ModelCells.Column> columns = List.of(new ModelCells.Column("x/a", "127.0.0.1", 80, TransportProtocol.TCP),
                new ModelCells.Column("x/b", "127.0.0.2", 80, TransportProtocol.TCP));
        boolean[][] expected = {{true, true}, {true, true}};
        String[][] reasons = {{"allowed: (a to itself)", "allowed: ingress to x/b:80/TCP from x/a: x/b is selected by no"
                + " ingress policy"}, {"allowed: ingress to x/a:80/TCP from x/b: admitted by x/allow-b", "allowed: itself"}};
        ModelCells cells = new ModelCells(List.of("x/a", "x/b"), List.of(probe("ns-x", "a"), probe("ns-x", "b")), columns,
                expected, Duration.ofSeconds(1), reasons);

        assertThatThrownBy(() -> runner.run(cells, io.k8snettest.report.Publisher.entries((k, v) -> { })))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the expected table was computed from the NetworkPolicies in the cluster, so the CNI"
                        + " disagrees with the NetworkPolicy API (networking.k8s.io/v1) on these cells")
                .hasMessageContaining("  x/b -> x/a:80/tcp: expected allow, never reached; last exit -1 (probe could not run)\n"
                        + "    NetworkPolicy API: allowed: ingress to x/a:80/TCP from x/b: admitted by x/allow-b\n"
                        + "    reproduce: kubectl exec -n ns-x b -c cont-80-tcp -- ")
                .hasMessageNotContaining("(a to itself)");
    }

    private DefaultProbeClient probe(String ns, String pod) {
        // the pods exist (a probe that cannot run in a pod that is gone fails differently: ProbeClientDeletedTest)
        server.expect().get().withPath("/api/v1/namespaces/" + ns + "/pods/" + pod)
                .andReturn(200, new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(pod)
                        .withNamespace(ns).endMetadata().build()).always();
        ProbeContext context = new ProbeContext(client, "ns", SETTINGS, () -> "", () -> { });
        return new ProbeClients(context, "run-1", new Namespaces(client, Duration.ofSeconds(5), Duration.ofSeconds(5)),
                new ReadinessWaiter(client, Duration.ofSeconds(5), () -> "")).inPod(ns, pod, "cont-80-tcp");
    }
}
