package io.k8snettest.policy;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.cluster.ClusterException;
import io.k8snettest.config.Durations;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.k8s.NamespaceLabels;
import io.k8snettest.k8s.Namespaces;
import io.k8snettest.k8s.ReadinessWaiter;
import io.k8snettest.plan.NamespaceNames;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.ProbeOutcome;
import io.k8snettest.probe.ProbePods;
import io.k8snettest.probe.Probing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NetworkPolicy canary: before the first negative check on a cluster, proves that the cluster
 * enforces NetworkPolicy at all. In a throwaway namespace of ours, a client must reach a server,
 * then a deny-all ingress policy must block it within {@link #BOUND} for {@link #HOLD}; the
 * namespace is deleted (and waited for) afterwards. {@link CanaryDecision} decides; the verdict is
 * cached per cluster in {@link PolicyEnforcement}.
 */
@API(status = INTERNAL, since = "0.1")
public final class PolicyCanary {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyCanary.class);
    static final Duration BOUND = Duration.ofSeconds(30);
    static final Duration HOLD = Duration.ofSeconds(3);
    static final int SERVER_PORT = 8080;
    static final String ROLE_LABEL = "k8s-net-test.io/canary";
    /** busybox httpd as nobody: a TCP server on an unprivileged port, no root needed. */
    static final List<String> SERVER_COMMAND = List.of("httpd", "-f", "-p", String.valueOf(SERVER_PORT), "-h", "/tmp");

    private final KubernetesClient client;
    private final RuntimeSettings settings;
    private final String runId;
    private final PolicyEnforcement cache;

    public PolicyCanary(KubernetesClient client, RuntimeSettings settings, String runId, PolicyEnforcement cache) {
        this.client = client;
        this.settings = settings;
        this.runId = runId;
        this.cache = cache;
    }

    /** Throws a {@link ClusterException} naming the cause unless the cluster enforces NetworkPolicy (checked once per cluster). */
    public void requireEnforced() {
        CanaryVerdict verdict = cache.verdict(this::run);
        if (!verdict.enforced()) {
            throw new ClusterException(verdict.message());
        }
    }

    /**
     * Why this cluster does not enforce NetworkPolicy (the canary's finding, checked once per cluster),
     * or empty when it does.
     *
     * @throws ClusterException when the canary could not decide (it is broken), naming why
     */
    public java.util.Optional<String> notEnforcedReason() {
        CanaryVerdict verdict = cache.verdict(this::run);
        return switch (verdict.kind()) {
            case ENFORCED -> java.util.Optional.empty();
            case NOT_ENFORCED -> java.util.Optional.of(verdict.message());
            default -> throw new ClusterException(verdict.message());
        };
    }

    /** Runs the canary; whatever goes wrong in it is a broken canary, not a verdict on policies. */
    CanaryVerdict run() {
        Namespaces namespaces = new Namespaces(client, settings.readyTimeout(), settings.deleteTimeout());
        String ns = NamespaceNames.forTestClass(settings.namespacePrefix(), "netpol-canary",
                UUID.randomUUID().toString().substring(0, 5));
        CanaryVerdict verdict;
        long started = System.nanoTime();
        LOG.info("k8s-net-test: NetworkPolicy canary in namespace {}: does this cluster enforce NetworkPolicy? (once per run,"
                + " before the first negative check)", ns);
        try {
            namespaces.create(ns, NamespaceLabels.labels(runId, Map.of()), Map.of(NamespaceLabels.TEST_CLASS, "NetworkPolicy canary"));
            verdict = probe(ns);
        } catch (RuntimeException e) {
            verdict = new CanaryVerdict(CanaryVerdict.Kind.CANARY_BROKEN, "k8s-net-test: the NetworkPolicy canary is broken"
                    + " (in namespace " + ns + "), so whether this cluster enforces NetworkPolicy is unknown: " + e.getMessage());
        }
        try {
            namespaces.delete(ns);
        } catch (RuntimeException e) {
            if (verdict.enforced()) {
                throw e;
            }
            // the verdict's message is what matters; the clean-up failure rides along
            verdict = new CanaryVerdict(verdict.kind(), verdict.message() + "\n(and deleting " + ns + " failed: " + e.getMessage() + ")");
        }
        LOG.info("k8s-net-test: NetworkPolicy canary: {} after {} ms", verdict.kind(), (System.nanoTime() - started) / 1_000_000);
        return verdict;
    }

    private CanaryVerdict probe(String ns) {
        ReadinessWaiter readiness = new ReadinessWaiter(client, settings.readyTimeout(), () -> "");
        ClientSpec serverSpec = ClientSpec.named("canary-server").label(ROLE_LABEL, "server").build();
        ClientSpec clientSpec = ClientSpec.named("canary-client").label(ROLE_LABEL, "client").build();
        client.pods().inNamespace(ns).resource(ProbePods.pod(serverSpec, ns, settings.probeImage(), SERVER_COMMAND)).create();
        client.pods().inNamespace(ns).resource(ProbePods.pod(clientSpec, ns, settings.probeImage())).create();
        readiness.awaitPod(ns, serverSpec.name(), "NetworkPolicy canary server");
        readiness.awaitPod(ns, clientSpec.name(), "NetworkPolicy canary client");
        String serverIp = client.pods().inNamespace(ns).withName(serverSpec.name()).get().getStatus().getPodIP();
        DefaultProbeClient probe = DefaultProbeClient.ofProbePod(client, ns, clientSpec.name());
        String route = "from " + ns + "/" + clientSpec.name() + " to " + serverIp + ":" + SERVER_PORT;

        List<ProbeOutcome> control = new CopyOnWriteArrayList<>();
        Probing.rounds("NetworkPolicy canary: " + route + " reachable before any policy", settings.probeTimeout(), () -> {
            control.add(ProbeOutcome.of(probe.tcp(serverIp, SERVER_PORT)));
            return control.contains(ProbeOutcome.REACHED);
        });
        if (!control.contains(ProbeOutcome.REACHED)) {
            return CanaryDecision.decide(control, List.of(), BOUND, HOLD, route);
        }
        client.network().v1().networkPolicies().inNamespace(ns).resource(denyAllIngress(ns)).create();
        long created = System.nanoTime();
        List<CanaryDecision.Observation> observations = new CopyOnWriteArrayList<>();
        AtomicReference<CanaryVerdict> verdict = new AtomicReference<>();
        Probing.rounds("NetworkPolicy canary: " + route + " blocked by a deny-all policy", BOUND.plus(HOLD).plus(DefaultProbeClient.EXEC_SLACK), () -> {
            Duration at = Duration.ofNanos(System.nanoTime() - created);
            observations.add(new CanaryDecision.Observation(at, ProbeOutcome.of(probe.tcp(serverIp, SERVER_PORT))));
            verdict.set(CanaryDecision.decide(control, observations, BOUND, HOLD, route));
            return verdict.get().kind() != CanaryVerdict.Kind.PENDING;
        });
        return verdict.get() == null || verdict.get().kind() == CanaryVerdict.Kind.PENDING
                ? new CanaryVerdict(CanaryVerdict.Kind.CANARY_BROKEN, "k8s-net-test: the NetworkPolicy canary is broken: no"
                + " verdict within " + Durations.format(BOUND.plus(HOLD)) + " (" + route + ", " + observations.size() + " probes)")
                : verdict.get();
    }

    static NetworkPolicy denyAllIngress(String ns) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName("k8s-net-test-canary-deny-all").withNamespace(ns).endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels(ROLE_LABEL, "server").endPodSelector()
                .withPolicyTypes("Ingress").endSpec()
                .build();
    }
}
