package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.k8s.Namespaces;
import io.k8snettest.k8s.ReadinessWaiter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link DefaultProbeClient} probing through {@link ProbeChannels}: results and the "deleted pod"
 * distinctions are those of the one-shot exec.
 */
@EnableKubernetesMockClient(crud = true)
class ProbeChannelClientTest {

    KubernetesClient client;

    private final LocalChannels local = new LocalChannels();

    @AfterEach
    void close() {
        local.close();
    }

    @Test
    void aResultThroughTheChannelIsWhatTheExecSaw() {
        DefaultProbeClient probe = new DefaultProbeClient(local.channels, "ns", "probe", "probe", () -> "10.42.0.2", () -> "", () -> { });

        ProbeResult ok = probe.exec("sh", "-c", "echo answered");
        ProbeResult refused = probe.exec("sh", "-c", "echo 'nc: can not connect' >&2; exit 1");

        assertThat(ok.success()).isTrue();
        assertThat(ok.stdout()).isEqualTo("answered\n");
        assertThat(ok.command()).containsExactly("sh", "-c", "echo answered");
        assertThat(ProbeOutcome.of(ok)).isEqualTo(ProbeOutcome.REACHED);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).isEqualTo("nc: can not connect\n");
        assertThat(ProbeOutcome.of(refused)).as("refused is blocked, never an error").isEqualTo(ProbeOutcome.BLOCKED);
        assertThat(local.transport.opened.get()).isEqualTo(1);
        assertThat(local.oneShot.ran).isEmpty();
    }

    @Test
    void aPodWeDoNotOwnDeletedUnderItsClientFailsTheProbeNamingItAsBefore() {
        DefaultProbeClient probe = new DefaultProbeClient(local.channels, "ns", "web-0", "web", () -> null, () -> "", () -> { });
        assertThat(probe.exec("true").success()).isTrue();

        local.transport.shells.get(0).kill();                          // the pod is deleted: its exec ends
        local.transport.refuse = new IllegalStateException("pods \"web-0\" not found");
        local.oneShot.answer = new PodExec.Outcome(-1, "", "\n(exec failed: pods \"web-0\" not found)", Duration.ofMillis(20));
        local.oneShot.running = false;

        long start = System.nanoTime();
        assertThatThrownBy(() -> probe.tcp("10.96.0.10", 80)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("web-0").hasMessageContaining("deleted during the test")
                .hasMessageContaining("does not recreate pods it did not create")
                .hasMessageContaining("(exec failed: pods \"web-0\" not found)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @org.junit.jupiter.api.DisplayName("bad input: a pod we do not own, deleted while its channel's shell still answers, fails the probe instead of giving a verdict")
    void aDeletedPodWhoseShellStillAnswersGivesNoVerdict() {
        DefaultProbeClient probe = new DefaultProbeClient(local.channels, "ns", "web-0", "web", () -> null, () -> "", () -> { });
        assertThat(probe.exec("true").success()).isTrue();

        local.oneShot.running = false; // deleted with grace period 0: gone from the API, the container not yet killed

        long start = System.nanoTime();
        assertThatThrownBy(() -> probe.exec("sh", "-c", "exit 1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("web-0").hasMessageContaining("deleted during the test")
                .hasMessageContaining("it answered with exit 1 after the pod had left the API: not a verdict");
        assertThatThrownBy(() -> probe.exec("true")).as("a success is no verdict either").isInstanceOf(IllegalStateException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aProbePodOfOursDeletedUnderItsClientIsRecreatedAndProbedThroughANewChannel() {
        AtomicInteger recreated = new AtomicInteger();
        DefaultProbeClient probe = new DefaultProbeClient(local.channels, "ns", "probe", "probe", () -> null, () -> "", () -> { },
                () -> {
                    recreated.incrementAndGet();
                    local.oneShot.running = true;
                    local.oneShot.answer = null;
                    local.transport.refuse = null;
                });
        assertThat(probe.exec("true").success()).isTrue();
        local.transport.shells.get(0).kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> !local.transport.shells.get(0).process.isAlive());
        local.transport.refuse = new IllegalStateException("pods \"probe\" not found");
        local.oneShot.answer = new PodExec.Outcome(-1, "", "\n(exec failed: pods \"probe\" not found)", Duration.ofMillis(20));
        local.oneShot.running = false;

        ProbeResult second = probe.exec("sh", "-c", "echo from the new pod");

        assertThat(second.success()).as("%s", second).isTrue();
        assertThat(second.stdout()).isEqualTo("from the new pod\n");
        assertThat(recreated.get()).isEqualTo(1);
        assertThat(local.transport.opened.get()).isEqualTo(2);
    }

    @Test
    void theExecTransportThatCannotReachAShellFallsBackToTheOneShotExecBounded() {
        ProbeChannels real = new ProbeChannels(new PodExec(client), new ExecTransport(client));
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                PodExec.Outcome o = real.run("ns", "nope", "probe", List.of("true"), Duration.ofSeconds(5));
                assertThat(o.exitCode()).isEqualTo(-1);
                assertThat(o.stderr()).contains("exec failed");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(real.openChannels()).isZero();
        } finally {
            real.close();
        }
    }

    @Test
    void closingTheClientsEndsTheirProbeChannels() {
        client.pods().inNamespace("ns").resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                .withName("web-0").withNamespace("ns").endMetadata().withNewSpec().addNewContainer().withName("nginx")
                .withImage("nginx").endContainer().endSpec().build()).create();
        LocalShell shells = new LocalShell();
        ProbeClients clients = new ProbeClients(new ProbeContext(client, "ns", ProbeClientLabelsCatalogueTest.SETTINGS, () -> "", () -> { }), "run-1",
                new Namespaces(client, Duration.ofSeconds(5), Duration.ofSeconds(5)),
                new ReadinessWaiter(client, Duration.ofSeconds(5), () -> ""), shells);
        DefaultProbeClient web = clients.existing("web-0");
        assertThat(web.exec("echo", "through the channel").stdout()).isEqualTo("through the channel\n");
        assertThat(clients.inPod("ns", "web-0", "nginx").exec("true").success()).isTrue();
        assertThat(shells.liveProcesses()).as("one channel per container, shared by its clients").isEqualTo(1);

        clients.close();

        assertThat(shells.liveProcesses()).isZero();
        assertThat(shells.liveThreads()).isZero();
    }

    @Test
    void withTheChannelSwitchedOffEveryProbeIsOneExec() {
        client.pods().inNamespace("ns").resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                .withName("web-0").withNamespace("ns").endMetadata().withNewSpec().addNewContainer().withName("nginx")
                .withImage("nginx").endContainer().endSpec().build()).create();
        var s = ProbeClientLabelsCatalogueTest.SETTINGS;
        var off = new io.k8snettest.config.RuntimeSettings(s.namespacePrefix(), s.keepNamespace(), s.staleNamespaceAge(),
                s.probeImage(), s.readyTimeout(), s.probeTimeout(), s.deleteTimeout(), s.stabilityWindow(), false, true);
        LocalShell shells = new LocalShell();
        ProbeClients clients = new ProbeClients(new ProbeContext(client, "ns", off, () -> "", () -> { }), "run-1",
                new Namespaces(client, Duration.ofSeconds(5), Duration.ofSeconds(5)),
                new ReadinessWaiter(client, Duration.ofSeconds(5), () -> ""), shells);

        ProbeResult r = clients.existing("web-0").exec("true");

        assertThat(r.exitCode()).as("the mock server runs no exec: %s", r).isEqualTo(-1);
        assertThat(shells.attempts.get()).isZero();
        clients.close();
    }
}
