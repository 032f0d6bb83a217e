package io.k8snettest.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A JVM killed with {@code kill -9} in the middle of a test class leaves its namespace behind. The next
 * run must leave it alone while its owner may still be alive (heartbeat fresher than the stale age),
 * and remove it once the owner is provably dead (silent for the stale age, here the minimum 1m).
 */
@K8sNetTest
class KilledRunTest {

    private static final String HEARTBEAT = "k8s-net-test.io/heartbeat";
    private static final Duration STALE_AFTER = Duration.ofMinutes(1);

    @Test
    void aKilledRunsNamespaceIsCollectedOnlyOnceItsRunIsProvablyDead(KubernetesClient client, TestReporter reporter)
            throws Exception {
        Process victim = startVictim(client);
        String orphan;
        try {
            orphan = awaitMarker(victim, Duration.ofMinutes(2));
        } finally {
            victim.destroyForcibly(); // SIGKILL: no afterAll, no shutdown hook
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).as("the victim JVM died").isTrue();
        }
        reporter.publishEntry("k8snet.orphan", orphan);
        assertThat(client.namespaces().withName(orphan).get()).as("the killed run's namespace").isNotNull();

        // Its heartbeat is fresh: a run with the shortest stale age must not touch it.
        Instant lastSign = heartbeat(client, orphan);
        assertThat(lastSign.plus(STALE_AFTER)).as("still within the stale age").isAfter(Instant.now());
        EngineExecutionResults early = runCollector();
        assertThat(removed(early)).as("removed while its run may be alive").doesNotContain(orphan);
        Namespace stillThere = client.namespaces().withName(orphan).get();
        assertThat(stillThere).isNotNull();
        assertThat(stillThere.getMetadata().getDeletionTimestamp()).as("deletion of " + orphan).isNull();

        // Once silent for the stale age, the next run removes it and nothing else of a live run.
        await("the killed run silent for " + STALE_AFTER).atMost(STALE_AFTER.plusSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> heartbeat(client, orphan).plus(STALE_AFTER).plusSeconds(1).isBefore(Instant.now()));
        EngineExecutionResults late = runCollector();
        assertThat(removed(late)).as("namespaces the collector removed").contains(orphan);
        assertThat(client.namespaces().withName(orphan).get()).as("namespace " + orphan + " after collection").isNull();
    }

    /**
     * The victim JVM, on this run's cluster: with a kubeconfig setting it inherits the settings; without
     * (a k3s container of this JVM, which a second JVM would not share) it gets a kubeconfig of ours.
     */
    private static Process startVictim(KubernetesClient client) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path")));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("k8snet."))
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        boolean kubeconfigSet = System.getProperty(K8sNetTest.KUBECONFIG_KEY) != null || System.getenv("K8SNET_KUBECONFIG") != null;
        if (!kubeconfigSet) {
            Path kubeconfig = Files.createTempFile("killed-run", ".kubeconfig");
            kubeconfig.toFile().deleteOnExit();
            Files.writeString(kubeconfig, kubeconfigOf(client.getConfiguration()));
            command.add("-D" + K8sNetTest.CLUSTER_KEY + "=kubeconfig");
            command.add("-D" + K8sNetTest.KUBECONFIG_KEY + "=" + kubeconfig);
        }
        command.add(OrphanMaker.class.getName());
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** A kubeconfig of a client configuration with embedded credentials (what a k3s container gives). */
    private static String kubeconfigOf(io.fabric8.kubernetes.client.Config c) {
        if (c.getCaCertData() == null || c.getClientCertData() == null || c.getClientKeyData() == null) {
            throw new AssertionError("KilledRunTest needs the cluster's kubeconfig for its second JVM: set "
                    + K8sNetTest.KUBECONFIG_KEY + " (or K8SNET_KUBECONFIG), or run on k3s (embedded credentials)");
        }
        return "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
                + "clusters:\n- name: c\n  cluster:\n    server: " + c.getMasterUrl() + "\n"
                + "    certificate-authority-data: " + c.getCaCertData() + "\n"
                + "users:\n- name: u\n  user:\n    client-certificate-data: " + c.getClientCertData() + "\n"
                + "    client-key-data: " + c.getClientKeyData() + "\n"
                + "contexts:\n- name: c\n  context: {cluster: c, user: u}\n";
    }

    /** Reads the victim's output until it prints its namespace; fails with the output on a timeout or exit. */
    private static String awaitMarker(Process victim, Duration bound) throws Exception {
        StringBuilder output = new StringBuilder();
        CompletableFuture<Optional<String>> marker = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith(OrphanMaker.MARKER)) {
                        return Optional.of(line.substring(OrphanMaker.MARKER.length()).strip());
                    }
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
                return Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
        try {
            Optional<String> ns = marker.get(bound.toSeconds(), TimeUnit.SECONDS);
            if (ns.isPresent()) {
                return ns.get();
            }
        } catch (java.util.concurrent.TimeoutException e) {
            // fall through to the failure with the output
        }
        synchronized (output) {
            throw new AssertionError("the victim JVM printed no namespace within " + bound + "; its output:\n" + output);
        }
    }

    private static Instant heartbeat(KubernetesClient client, String namespace) {
        Namespace ns = client.namespaces().withName(namespace).get();
        assertThat(ns).as("namespace " + namespace).isNotNull();
        String value = Optional.ofNullable(ns.getMetadata().getAnnotations()).map(a -> a.get(HEARTBEAT))
                .orElse(ns.getMetadata().getCreationTimestamp());
        return Instant.parse(value);
    }

    /** A new run (its own run id) of an empty class, with the shortest stale age. */
    private static EngineExecutionResults runCollector() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(CollectorTestCase.class))
                .configurationParameters(Map.of(CollectorGate.KEY, "true", K8sNetTest.STALE_NAMESPACE_AGE_KEY, "1m",
                        K8sNetTest.KEEP_NAMESPACE_KEY, "never"))
                .execute();
        assertThat(results.testEvents().succeeded().count()).as("the collector run's test; events: %s",
                results.allEvents().list()).isEqualTo(1);
        return results;
    }

    private static List<String> removed(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("k8snet.stale-namespaces-removed"))
                .filter(v -> v != null).flatMap(v -> List.of(v.split(",")).stream()).toList();
    }

    /** An empty class: starting it is what collects stale namespaces. Runs only inside {@link #runCollector}. */
    @ExtendWith(CollectorGate.class)
    @K8sNetTest
    static class CollectorTestCase {
        @Test
        void starts(NetTest net) {
            assertThat(net.namespace()).isNotBlank();
        }
    }

    static final class CollectorGate implements ExecutionCondition {
        static final String KEY = "k8snet.examples.killed-run-collector";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY, Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("run by KilledRunTest")
                    : ConditionEvaluationResult.disabled("runs only inside KilledRunTest");
        }
    }
}
