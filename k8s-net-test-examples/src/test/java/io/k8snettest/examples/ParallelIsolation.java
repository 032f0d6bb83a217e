package io.k8snettest.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Shared check of the two parallel isolation classes. Each twin is meaningful alone: a look-alike pod
 * (label {@code app=web}, like the twin's own pods) in a companion namespace must never become an
 * endpoint of the twin's {@code web} service. When the other twin's class is running too (the suite
 * runs classes in parallel), the two meet, bounded by {@link #RENDEZVOUS}, and check each other:
 * other namespaces, no shared pod IP, none of the other's pods behind their service. A twin whose
 * partner is not running waits for nobody.
 */
final class ParallelIsolation {

    /** How long the look-alike must stay out of the endpoints once it is Ready. */
    private static final Duration HOLD = Duration.ofSeconds(3);
    /** How long a twin waits for a partner class that is running (it may still be setting up). */
    private static final Duration RENDEZVOUS = Duration.ofSeconds(60);

    /** Twin classes between their first and last callback (registered before {@code @K8sNetTest}). */
    private static final Set<String> CLASS_RUNNING = ConcurrentHashMap.newKeySet();
    /** Twins in their test body: namespace and pod IPs, alive while listed. */
    private static final Map<String, Twin> IN_BODY = new ConcurrentHashMap<>();
    /** Twins that have checked their partner. */
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

    private record Twin(String namespace, Set<String> podIps) {
    }

    private ParallelIsolation() {
    }

    /** Marks a twin class as running from before its namespace exists until after it is gone. */
    static final class Registration implements BeforeAllCallback, AfterAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            CLASS_RUNNING.add(twin(context));
        }

        @Override
        public void afterAll(ExtensionContext context) {
            CLASS_RUNNING.remove(twin(context));
        }

        private static String twin(ExtensionContext context) {
            return context.getRequiredTestClass().getSimpleName().replace("ParallelIsolation", "").replace("Test", "");
        }
    }

    static void assertIsolated(NetTest net, String twin, int replicas, TestReporter reporter) {
        var web = net.deployment("web");
        Set<String> own = new TreeSet<>(web.readyPodIps());
        assertThat(own).hasSize(replicas);
        assertThat(net.service("web").endpointIps()).isEqualTo(own);

        ProbeClient lookalike = net.client(ClientSpec.named("web-lookalike").label("app", "web").inNamespace("lookalike").build());
        assertThat(lookalike.namespace()).isNotEqualTo(net.namespace());
        await("service web of " + net.namespace() + " keeps exactly its own pods " + own + " for " + HOLD
                + " while a pod labelled app=web runs in " + lookalike.namespace() + " (" + lookalike.podIp() + ")")
                .during(HOLD).atMost(HOLD.plusSeconds(5))
                .until(() -> net.service("web").endpointIps(), own::equals);
        assertThat(net.kubernetesClient().pods().inNamespace(net.namespace()).withLabel("app", "web").list().getItems())
                .extracting(pod -> pod.getStatus().getPodIP())
                .containsExactlyInAnyOrderElementsOf(own);

        reporter.publishEntry("k8snet.twin", checkAgainstPartner(net, twin, own));
    }

    /** Meets the partner if its class is running, and checks it while both are alive; says what happened. */
    private static String checkAgainstPartner(NetTest net, String twin, Set<String> own) {
        String partner = "A".equals(twin) ? "B" : "A";
        IN_BODY.put(twin, new Twin(net.namespace(), own));
        try {
            if (!CLASS_RUNNING.contains(partner)) {
                return "twin " + partner + " not running: checked alone";
            }
            Twin other;
            try {
                other = await("twin " + partner + " in its test body").atMost(RENDEZVOUS)
                        .until(() -> IN_BODY.get(partner), found -> found != null || !CLASS_RUNNING.contains(partner));
            } catch (ConditionTimeoutException slow) {
                return "twin " + partner + " did not reach its test body within " + RENDEZVOUS + ": checked alone";
            }
            if (other == null) {
                return "twin " + partner + " ended before meeting: checked alone";
            }
            // both are alive now: their pods cannot share an IP, and theirs never serve ours
            assertThat(other.namespace()).isNotEqualTo(net.namespace());
            assertThat(other.podIps()).doesNotContainAnyElementsOf(own);
            assertThat(net.service("web").endpointIps()).doesNotContainAnyElementsOf(other.podIps());
            CHECKED.add(twin);
            // stay alive (listed, pods up) until the partner has checked us too, bounded
            await("twin " + partner + " checked " + twin).atMost(RENDEZVOUS).pollInterval(Duration.ofMillis(200))
                    .until(() -> CHECKED.contains(partner) || !CLASS_RUNNING.contains(partner));
            return "checked against twin " + partner + " in " + other.namespace() + " while both ran";
        } finally {
            IN_BODY.remove(twin);
        }
    }
}
