package io.k8snettest.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.TestReporter;

/**
 * Shared check of the two parallel isolation classes. Each twin is meaningful alone: a look-alike pod
 * (label {@code app=web}, like the twin's own pods) in a companion namespace must never become an
 * endpoint of the twin's {@code web} service. When the other twin runs at the same moment (the suite
 * runs classes in parallel), the twin also checks against it: another namespace, no shared pod IP,
 * none of its pods behind this service. Nobody waits for a twin that is not running.
 */
final class ParallelIsolation {

    /** How long the look-alike must stay out of the endpoints once it is Ready. */
    private static final Duration HOLD = Duration.ofSeconds(3);

    /** The twins whose test body runs right now: their namespace and pod IPs, alive while listed. */
    private static final Map<String, Twin> RUNNING = new ConcurrentHashMap<>();

    private record Twin(String namespace, Set<String> podIps) {
    }

    private ParallelIsolation() {
    }

    static void assertIsolated(NetTest net, String twin, int replicas, TestReporter reporter) {
        var web = net.deployment("web");
        Set<String> own = new TreeSet<>(web.readyPodIps());
        assertThat(own).hasSize(replicas);
        assertThat(net.service("web").endpointIps()).isEqualTo(own);

        RUNNING.put(twin, new Twin(net.namespace(), own));
        try {
            ProbeClient lookalike = net.client(ClientSpec.named("web-lookalike").label("app", "web").inNamespace("lookalike").build());
            assertThat(lookalike.namespace()).isNotEqualTo(net.namespace());
            await("service web of " + net.namespace() + " keeps exactly its own pods " + own + " for " + HOLD
                    + " while a pod labelled app=web runs in " + lookalike.namespace() + " (" + lookalike.podIp() + ")")
                    .during(HOLD).atMost(HOLD.plusSeconds(5))
                    .until(() -> net.service("web").endpointIps(), own::equals);
            assertThat(net.kubernetesClient().pods().inNamespace(net.namespace()).withLabel("app", "web").list().getItems())
                    .extracting(pod -> pod.getStatus().getPodIP())
                    .containsExactlyInAnyOrderElementsOf(own);

            List<Twin> others = RUNNING.entrySet().stream().filter(e -> !e.getKey().equals(twin)).map(Map.Entry::getValue).toList();
            for (Twin other : others) {
                // both are alive now: their pods cannot share an IP, and theirs never serve ours
                assertThat(other.namespace()).isNotEqualTo(net.namespace());
                assertThat(other.podIps()).doesNotContainAnyElementsOf(own);
                assertThat(net.service("web").endpointIps()).doesNotContainAnyElementsOf(other.podIps());
            }
            reporter.publishEntry("k8snet.twin", others.isEmpty() ? "no twin running at the same time"
                    : "checked against the twin running at the same time in " + others.get(0).namespace());
        } finally {
            RUNNING.remove(twin);
        }
    }
}
