package io.k8snettest.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.cluster.ClusterException;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.Via;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.k8s.Waits;
import io.k8snettest.plan.ReachabilitySpec;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.Destination;
import io.k8snettest.probe.ProbeClients;
import io.k8snettest.probe.ProbeContext;
import io.k8snettest.probe.Probing;
import io.k8snettest.report.Publisher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Runs declared reachability checks. First every check's target is resolved and checked against
 * what the check asks (a UDP port, {@link Via#CLUSTER_IP} of a headless service: rejected before
 * any probe). Positive: every addressed target answers within the timeout. Negative: once per
 * cluster the NetworkPolicy canary, then a positive control that proves the very service port and
 * pod port under test on every ready endpoint, then (bounded by the timeout) until the data plane
 * blocks, then every probe fails for the whole stability window.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReachabilityChecker {

    private final KubernetesClient client;
    private final String namespace;
    private final ProbeClients clients;
    private final Supplier<String> diagnostics;
    private final Runnable policyGate;
    private final PositiveControl control;
    private final CheckLocality locality;

    public ReachabilityChecker(ProbeContext context, ProbeClients clients) {
        this.client = context.client();
        this.policyGate = context.policyGate();
        this.namespace = context.namespace();
        this.clients = clients;
        this.diagnostics = context.diagnostics();
        this.control = new PositiveControl(context, clients);
        this.locality = new CheckLocality(client, clients);
    }

    /** Runs every check; one AssertionError naming each failed one (the others suppressed on it). */
    public void verifyAll(List<ReachabilitySpec> checks) {
        verifyAll(checks, Publisher.NONE);
    }

    /**
     * Runs every check; one AssertionError naming each failed one. Per check, where its probes ran
     * ({@link CheckLocality}: same-node or cross-node) goes to {@code report} as {@value CheckLocality#REPORT_KEY}.
     */
    public void verifyAll(List<ReachabilitySpec> checks, Publisher report) {
        List<Throwable> failures = new ArrayList<>();
        List<Prepared> prepared = new ArrayList<>();
        for (ReachabilitySpec spec : checks) {
            try {
                prepared.add(new Prepared(spec, prepare(spec)));
            } catch (IllegalArgumentException e) {
                failures.add(new AssertionError(spec.origin() + ": " + e.getMessage(), e));
            } catch (RuntimeException e) {
                failures.add(new AssertionError(spec.origin() + ": " + e.getMessage() + "\n" + Waits.safe(diagnostics), e));
            }
        }
        List<String> negatives = prepared.stream().filter(p -> !p.spec().expectReachable()).map(p -> p.spec().origin()).toList();
        boolean policiesEnforced = true;
        if (!negatives.isEmpty()) {
            try {
                policyGate.run(); // a cluster that enforces no policy fails here, with that cause, not as "reachable"
            } catch (RuntimeException e) {
                policiesEnforced = false;
                failures.add(new ClusterException("cannot check " + String.join(", ", negatives) + ": " + e.getMessage(), e));
            }
        }
        for (Prepared p : prepared) {
            if (!policiesEnforced && !p.spec().expectReachable()) {
                continue; // already failed above, with the cluster's reason
            }
            try {
                run(p.spec(), p.target(), report);
            } catch (AssertionError | RuntimeException e) {
                failures.add(e);
            }
        }
        if (failures.size() == 1 && failures.get(0) instanceof AssertionError single) {
            throw single;
        }
        if (failures.size() == 1 && failures.get(0) instanceof RuntimeException single) {
            throw single;
        }
        if (!failures.isEmpty()) {
            AssertionError all = new AssertionError(failures.size() + " of " + checks.size() + " reachability checks failed:\n"
                    + String.join("\n", failures.stream().map(Throwable::getMessage).toList()));
            failures.forEach(all::addSuppressed);
            throw all;
        }
    }

    /** Resolves the check's service port and rejects what no probe can answer; no probe runs. */
    private ServiceTarget prepare(ReachabilitySpec spec) {
        ServiceTarget target = ServiceTarget.resolve(client, namespace, spec.service(), spec.port());
        target.requireTcp("a " + spec.protocol() + " probe");
        if (spec.via() == Via.CLUSTER_IP && target.headless()) {
            throw new IllegalArgumentException("service " + target.name() + " is headless (clusterIP: None): it has no ClusterIP,"
                    + " so via = Via.CLUSTER_IP (the default) has nothing to probe. Use via = Via.DNS (the name "
                    + target.shortDnsName() + " resolves to the ready pods' IPs; every one must answer on its pod port) or"
                    + " via = Via.EACH_ENDPOINT (each ready endpoint directly)");
        }
        return target;
    }

    private void run(ReachabilitySpec spec, ServiceTarget target, Publisher report) {
        List<String> localities = new ArrayList<>();
        try {
            if (spec.expectReachable()) {
                positive(spec, target, localities);
            } else {
                negative(spec, target, localities);
            }
        } catch (AssertionError e) {
            throw withOrigin(spec, e);
        } catch (RuntimeException e) {
            throw new AssertionError(spec.origin() + ": " + e.getMessage() + "\n" + Waits.safe(diagnostics), e);
        } finally {
            if (!localities.isEmpty()) {
                report.entry(CheckLocality.REPORT_KEY, String.join("\n", localities));
            }
        }
    }

    /** The check's client, or one per schedulable node ({@code fromEveryNode}). */
    private List<DefaultProbeClient> from(ReachabilitySpec spec) {
        return spec.client().everyNode() ? clients.onEveryNode(spec.client().spec(), "fromEveryNode=true")
                : List.of(clients.get(spec.client()));
    }

    /** The client as the check names it; with its node and the answering pods' when it is placed. */
    private String who(ReachabilitySpec spec, DefaultProbeClient from, ServiceTarget target, Destination destination,
                       List<String> localities) {
        String where = locality.describe(from, target, destination);
        localities.add(spec.origin() + ": " + from.namespace() + "/" + from.name() + " -> " + destination.description()
                + ": " + where);
        boolean placed = spec.client().everyNode() || !spec.client().isExisting() && !spec.client().spec().placement().isAny();
        return (spec.client().everyNode() ? from.name() : spec.client().displayName()) + (placed ? " (" + where + ")" : "");
    }

    private void positive(ReachabilitySpec spec, ServiceTarget target, List<String> localities) {
        for (DefaultProbeClient from : from(spec)) {
            for (Destination destination : CheckProbes.destinations(client, spec, target)) {
                String alias = target.name() + ":" + target.servicePort() + " via " + destination.description()
                        + " reachable from " + who(spec, from, target, destination, localities) + expectation(spec);
                Probing.untilSuccess(alias, spec.timeout(), () -> destination.probe(from, CheckProbes.single(from, spec, true), true), diagnostics);
            }
        }
    }

    private void negative(ReachabilitySpec spec, ServiceTarget target, List<String> localities) {
        control.prove(spec, target);
        List<Destination> destinations = CheckProbes.destinations(client, spec, target);
        for (DefaultProbeClient from : from(spec)) {
            String who = destinations.stream().map(d -> who(spec, from, target, d, localities)).distinct()
                    .reduce((a, b) -> a + "; " + b).orElse(spec.client().displayName());
            negative(spec, target, destinations, from, who);
        }
    }

    private void negative(ReachabilitySpec spec, ServiceTarget target, List<Destination> destinations, DefaultProbeClient from,
                          String who) {
        String alias = target.name() + ":" + target.servicePort() + " via "
                + destinations.stream().map(Destination::description).toList() + " blocked from " + who;
        Supplier<ProbeResult> anyGetsThrough = () -> {
            ProbeResult last = null;
            for (Destination destination : destinations) {
                last = destination.probe(from, CheckProbes.single(from, spec, false), false);
                if (last.success()) {
                    return last;
                }
            }
            return last;
        };
        // Policies take effect asynchronously: wait (bounded) until the data plane blocks, then it must hold.
        Probing.untilBlocked(alias + " (policy in effect)", spec.timeout(), anyGetsThrough, diagnostics);
        Probing.holdsFor(alias, spec.stabilityWindow(), anyGetsThrough, diagnostics);
    }

    /** What a positive HTTP check waits for, as the alias of its wait: status, path and body. */
    private static String expectation(ReachabilitySpec spec) {
        if (spec.protocol() != ProbeProtocol.HTTP) {
            return "";
        }
        String body = spec.expectBody() == null || spec.expectBody().isEmpty() ? "" : " with a body containing '" + spec.expectBody() + "'";
        return " (HTTP " + spec.expectStatus() + " for " + spec.path() + body + ")";
    }

    private static AssertionError withOrigin(ReachabilitySpec spec, AssertionError e) {
        if (e.getMessage() != null && e.getMessage().startsWith(spec.origin())) {
            return e;
        }
        AssertionError wrapped = new AssertionError(spec.origin() + ": " + e.getMessage(), e.getCause() == null ? e : e.getCause());
        wrapped.setStackTrace(e.getStackTrace());
        return wrapped;
    }

    private record Prepared(ReachabilitySpec spec, ServiceTarget target) {
    }
}
