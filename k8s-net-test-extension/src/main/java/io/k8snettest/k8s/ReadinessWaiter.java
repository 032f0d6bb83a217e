package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.cluster.ClusterException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Waits for deployments, pods and service endpoints to be ready; bounded, named, and failing fast
 * with the cluster's reason when {@link PodFailureDetector} sees one. Each wait watches what it reads
 * (scoped by name or labels) and evaluates on every event ({@link Wakeups}), so it returns within
 * milliseconds of the object becoming ready; it polls only as a safety net, or as before once a
 * watch broke.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReadinessWaiter {

    /** How often a deployment's status is read while waiting: one GET, so it can be frequent. */
    static final Duration STATUS_POLL_INTERVAL = Duration.ofMillis(150);
    /** How often pods, ReplicaSets and events are inspected for a fail-fast reason while waiting. */
    static final Duration FAIL_FAST_INTERVAL = Duration.ofMillis(1000);
    /**
     * How long a wait goes without evaluating while its watches are healthy (every watch event
     * evaluates at once): what the cluster reports only as events (fail-fast reasons) and the
     * {@link ReadySettle} window need a timed evaluation.
     */
    static final Duration SAFETY_POLL = FAIL_FAST_INTERVAL;

    private final KubernetesClient client;
    private final Duration timeout;
    private final Supplier<String> diagnostics;
    private final Duration safetyPoll;

    public ReadinessWaiter(KubernetesClient client, Duration timeout, Supplier<String> diagnostics) {
        this(client, timeout, diagnostics, SAFETY_POLL);
    }

    /** @param safetyPoll how long a wait goes without evaluating while its watches are healthy */
    ReadinessWaiter(KubernetesClient client, Duration timeout, Supplier<String> diagnostics, Duration safetyPoll) {
        this.client = client;
        this.timeout = timeout;
        this.diagnostics = diagnostics;
        this.safetyPoll = safetyPoll;
    }

    /** Waits until every replica of the deployment is Ready. */
    public void awaitDeployment(String namespace, String name, String origin) {
        String alias = origin + ": deployment " + name + " in " + namespace + ": all replicas Ready";
        FailFastThrottle throttle = new FailFastThrottle();
        ReadySettle settle = new ReadySettle();
        try (Wakeups wakeups = new Wakeups(alias, safetyPoll, STATUS_POLL_INTERVAL)) {
            wakeups.watch(Deployment.class, "deployment " + name, w -> client.apps().deployments().inNamespace(namespace).withName(name).watch(w));
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
            if (d != null && d.getSpec().getSelector() != null && d.getSpec().getSelector().getMatchLabels() != null) {
                watchPods(wakeups, namespace, d.getSpec().getSelector().getMatchLabels());
            }
            Waits.until(alias, timeout, wakeups, () -> deploymentReady(namespace, name, origin, throttle, settle, wakeups),
                    () -> deploymentState(namespace, name), diagnostics);
        }
    }

    private void watchPods(Wakeups wakeups, String namespace, Map<String, String> selector) {
        wakeups.watch(Pod.class, "pods " + selector, w -> client.pods().inNamespace(namespace).withLabels(selector).watch(w));
    }

    /** Waits until the pod is Ready. */
    public void awaitPod(String namespace, String name, String origin) {
        // One GET per evaluation, which also carries what the fail-fast check reads: poll as often as for a status.
        String alias = "pod " + name + " in " + namespace + " Ready";
        try (Wakeups wakeups = new Wakeups(alias, safetyPoll, STATUS_POLL_INTERVAL)) {
            wakeups.watch(Pod.class, "pod " + name, w -> client.pods().inNamespace(namespace).withName(name).watch(w));
            Waits.until(alias, timeout, wakeups, () -> {
                Pod pod = client.pods().inNamespace(namespace).withName(name).get();
                if (pod == null) {
                    return false;
                }
                failFast(origin, PodFailureDetector.detect(pod));
                return Pods.isReady(pod);
            }, () -> Pods.summary(Optional.ofNullable(client.pods().inNamespace(namespace).withName(name).get()).stream().toList()),
                    diagnostics);
        }
    }

    /**
     * Waits until the service's EndpointSlices hold exactly the IPs of the Ready pods of the
     * selector on the target port, and that {@code replicas} of them.
     */
    public void awaitEndpoints(String namespace, String service, Map<String, String> selector, int targetPort,
                               int replicas, String origin) {
        String alias = "service " + service + " in " + namespace + ": " + replicas + " ready endpoints on port " + targetPort;
        try (Wakeups wakeups = new Wakeups(alias, safetyPoll, Waits.POLL_INTERVAL)) {
            wakeups.watch(EndpointSlice.class, "endpoint slices of " + service, w -> client.discovery().v1().endpointSlices().inNamespace(namespace)
                    .withLabel(EndpointSlices.SERVICE_NAME_LABEL, service).watch(w));
            watchPods(wakeups, namespace, selector);
            Waits.until(alias, timeout, wakeups, () -> {
                List<Pod> pods = Pods.live(client, namespace, selector);
                failFast(origin, PodFailureDetector.detect(pods, List.of(), Set.of()));
                Set<String> endpoints = EndpointSlices.readyIps(EndpointSlices.of(client, namespace, service), targetPort);
                return endpoints.size() == replicas && endpoints.equals(Pods.readyIps(pods));
            }, () -> "endpoints " + EndpointSlices.readyIps(EndpointSlices.of(client, namespace, service), targetPort)
                    + ", ready pods " + Pods.readyIps(Pods.live(client, namespace, selector)), diagnostics);
        }
    }

    private boolean deploymentReady(String namespace, String name, String origin, FailFastThrottle throttle,
                                    ReadySettle settle, Wakeups wakeups) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null) {
            throw new ClusterException(origin + ": deployment " + name + " disappeared from namespace " + namespace);
        }
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        var status = d.getStatus();
        boolean ready = status != null && orZero(status.getReadyReplicas()) == desired
                && orZero(status.getUpdatedReplicas()) == desired
                && (status.getObservedGeneration() == null || d.getMetadata().getGeneration() == null
                || status.getObservedGeneration() >= d.getMetadata().getGeneration());
        // The status is one cheap GET per poll; the fail-fast inspection (ReplicaSets, pods, events)
        // costs three lists, so it runs only while not ready and at most once per interval.
        if (!ready) {
            settle.notReady();
            if (throttle.due()) {
                failFastForDeployment(namespace, d, origin);
            }
            return false;
        }
        // A container without a readiness probe is Ready the moment it starts: then Ready must hold
        // (no restart, no replaced pod) for a moment, see ReadySettle. A readiness probe is evidence enough.
        if (d.getSpec().getTemplate().getSpec().getContainers().stream().allMatch(c -> c.getReadinessProbe() != null)) {
            return true;
        }
        if (settle.starting()) {
            settle.start(restarts(namespace, d));
            wakeups.fireIn(ReadySettle.WINDOW); // evaluate when the window has passed, event or not
            return false;
        }
        if (!settle.windowPassed()) {
            return false;
        }
        if (settle.settled(restarts(namespace, d))) {
            return true;
        }
        wakeups.fireIn(ReadySettle.WINDOW);
        failFastForDeployment(namespace, d, origin);
        return false;
    }

    /** Restart count per live pod (by uid) of the deployment's selector. */
    private Map<String, Integer> restarts(String namespace, Deployment d) {
        return Pods.live(client, namespace, d.getSpec().getSelector().getMatchLabels()).stream().collect(Collectors.toMap(
                p -> p.getMetadata().getUid(), p -> p.getStatus() == null || p.getStatus().getContainerStatuses() == null ? 0
                        : p.getStatus().getContainerStatuses().stream()
                        .mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum(), (a, b) -> a));
    }

    private void failFastForDeployment(String namespace, Deployment d, String origin) {
        Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
        List<ReplicaSet> replicaSets = client.apps().replicaSets().inNamespace(namespace).withLabels(selector).list().getItems()
                .stream().filter(rs -> rs.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> o.getUid() != null && o.getUid().equals(d.getMetadata().getUid()))).toList();
        failFast(origin, PodFailureDetector.detectReplicaFailure(d, replicaSets));
        List<Pod> pods = Pods.live(client, namespace, selector);
        List<Event> events = replicaSets.isEmpty() ? List.of() : client.v1().events().inNamespace(namespace).list().getItems();
        failFast(origin, PodFailureDetector.detect(pods, events,
                replicaSets.stream().map(rs -> rs.getMetadata().getName()).collect(Collectors.toSet())));
    }

    /** Lets an expensive check run at most once per {@link #FAIL_FAST_INTERVAL}. Not thread-safe: one per wait. */
    private static final class FailFastThrottle {
        private long next;

        boolean due() {
            long now = System.nanoTime();
            if (now - next < 0) {
                return false;
            }
            next = now + FAIL_FAST_INTERVAL.toNanos();
            return true;
        }
    }

    private String deploymentState(String namespace, String name) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null || d.getStatus() == null) {
            return d == null ? "absent" : "no status yet";
        }
        List<Pod> pods = Pods.live(client, namespace, d.getSpec().getSelector().getMatchLabels());
        boolean runningNotReady = pods.stream().anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                && !Pods.isReady(p));
        return "ready " + orZero(d.getStatus().getReadyReplicas()) + "/" + d.getSpec().getReplicas()
                + ", updated " + orZero(d.getStatus().getUpdatedReplicas()) + ", pods " + Pods.summary(pods)
                + (runningNotReady ? "; hint: pods run but are not Ready: their readiness probe fails (see the Unhealthy"
                + " events below): fix the probe or what it checks, or raise k8snet.timeout.ready if they are just slow" : "");
    }

    private void failFast(String origin, Optional<PodFailureDetector.Failure> failure) {
        if (failure.isPresent()) {
            throw new ClusterException(failure.get().describe(origin) + "\n" + Waits.safe(diagnostics));
        }
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
