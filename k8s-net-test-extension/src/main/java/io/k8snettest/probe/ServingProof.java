package io.k8snettest.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.config.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The positive control of a negative check: every ready endpoint behind the very service port under
 * test answers on the pod port that port resolves to, so that "blocked" cannot be a dead port.
 * Retries (bounded) while endpoints are missing or do not answer; an endpoint that refuses the
 * connection on every attempt for {@link #REFUSED_FOR} fails at once: nothing listens there.
 */
@API(status = INTERNAL, since = "0.1")
public final class ServingProof {

    /**
     * A ready endpoint that refuses for this long (at most half the timeout) does not serve: a slow
     * start belongs behind a readinessProbe.
     */
    static final Duration REFUSED_FOR = Duration.ofSeconds(10);

    private ServingProof() {
    }

    /**
     * @param how   how the endpoints are reached, for messages ("through a port-forward to each pod")
     * @param probe one probe of one endpoint (its pod IP or pod name, and its pod port)
     */
    public static void await(KubernetesClient client, ServiceTarget target, String how, Function<ServiceHandle.Endpoint, ProbeResult> probe,
                      Duration timeout, Supplier<String> diagnostics) {
        Set<ServiceHandle.Endpoint> proven = new HashSet<>();
        Map<ServiceHandle.Endpoint, Long> refusedSince = new HashMap<>();
        Duration half = timeout.dividedBy(2);
        Duration refusedBound = REFUSED_FOR.compareTo(half) < 0 ? REFUSED_FOR : half; // a verdict before the bound
        String alias = "positive control: " + target.describe() + " serves on every ready endpoint, " + how;
        Probing.untilSuccess(alias, timeout, () -> {
            List<ServiceHandle.Endpoint> endpoints = target.endpoints(client);
            if (endpoints.isEmpty()) {
                return new ProbeResult("this JVM", target.describe(), List.of(), -1, "", "the service port has no ready"
                        + " endpoint: the target is down, so 'blocked' would prove nothing", -1, false, Duration.ZERO);
            }
            ProbeResult lastFailure = null;
            ProbeResult last = null;
            for (ServiceHandle.Endpoint endpoint : endpoints) {
                if (proven.contains(endpoint)) {
                    continue;
                }
                last = probe.apply(endpoint);
                if (last.success()) {
                    proven.add(endpoint);
                    refusedSince.remove(endpoint);
                    continue;
                }
                lastFailure = last;
                if (!ProbeHints.refused(last)) {
                    refusedSince.remove(endpoint);
                } else if (System.nanoTime() - refusedSince.computeIfAbsent(endpoint, e -> System.nanoTime())
                        >= refusedBound.toNanos()) {
                    throw notServing(target, endpoint, last, how, refusedBound, diagnostics);
                }
            }
            return lastFailure != null ? lastFailure : last != null ? last
                    : new ProbeResult("this JVM", target.describe(), List.of(), 0, "every ready endpoint answered", "", -1,
                    true, Duration.ZERO);
        }, diagnostics);
    }


    private static AssertionError notServing(ServiceTarget target, ServiceHandle.Endpoint endpoint, ProbeResult last, String how,
                                             Duration refusedFor, Supplier<String> diagnostics) {
        return new AssertionError("positive control failed: the target does not serve on port " + endpoint.port() + ": "
                + target.describe() + " -> pod " + (endpoint.podName() == null ? "(unnamed)" : endpoint.podName())
                + " (" + endpoint.ip() + ") port " + endpoint.port() + " refused the connection on every attempt for "
                + Durations.format(refusedFor) + ", " + how + ". A negative check against it would pass for the wrong reason."
                + "\n  hint: check the service's targetPort (@ExposeService targetPort, or the manifest's service), that the"
                + " container declares containerPort " + endpoint.port() + " (a named targetPort must match a containerPort"
                + " name), and that the process listens on port " + endpoint.port() + "; a process that starts slowly needs a"
                + " readinessProbe, so that its pod is no ready endpoint before it listens"
                + "\n  last: " + last + "\n" + io.k8snettest.k8s.Waits.safe(diagnostics));
    }
}
