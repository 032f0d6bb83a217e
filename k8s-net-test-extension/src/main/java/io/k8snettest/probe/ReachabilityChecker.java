package io.k8snettest.probe;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.Via;
import io.k8snettest.plan.ReachabilitySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs declared reachability checks. Positive: every addressed target answers within the timeout.
 * Negative: once per cluster the NetworkPolicy canary, then a positive control, then (bounded by
 * the timeout) until the data plane blocks, then every probe fails for the whole stability window.
 */
public final class ReachabilityChecker {

    private final KubernetesClient client;
    private final String namespace;
    private final ProbeClients clients;
    private final Supplier<String> diagnostics;
    private final Runnable policyGate;

    /** @param policyGate run before negative checks: throws unless the cluster enforces NetworkPolicy */
    public ReachabilityChecker(KubernetesClient client, String namespace, ProbeClients clients, Supplier<String> diagnostics,
                               Runnable policyGate) {
        this.client = client;
        this.policyGate = policyGate;
        this.namespace = namespace;
        this.clients = clients;
        this.diagnostics = diagnostics;
    }

    /** Runs every check; one AssertionError naming each failed one (the others suppressed on it). */
    public void verifyAll(List<ReachabilitySpec> checks) {
        if (checks.stream().anyMatch(c -> !c.expectReachable())) {
            policyGate.run(); // a cluster that enforces no policy fails here, with that cause, not as "reachable"
        }
        List<Throwable> failures = new ArrayList<>();
        for (ReachabilitySpec spec : checks) {
            try {
                check(spec);
            } catch (AssertionError | RuntimeException e) {
                failures.add(e);
            }
        }
        if (failures.size() == 1 && failures.get(0) instanceof AssertionError single) {
            throw single;
        }
        if (!failures.isEmpty()) {
            AssertionError all = new AssertionError(failures.size() + " of " + checks.size() + " reachability checks failed:\n"
                    + String.join("\n", failures.stream().map(Throwable::getMessage).toList()));
            failures.forEach(all::addSuppressed);
            throw all;
        }
    }

    public void check(ReachabilitySpec spec) {
        try {
            ServiceTarget target = ServiceTarget.resolve(client, namespace, spec.service(), spec.port());
            if (spec.expectReachable()) {
                positive(spec, target);
            } else {
                negative(spec, target);
            }
        } catch (AssertionError e) {
            throw withOrigin(spec, e);
        } catch (RuntimeException e) {
            AssertionError error = new AssertionError(spec.origin() + ": " + e.getMessage() + "\n" + io.k8snettest.k8s.Waits.safe(diagnostics), e);
            throw error;
        }
    }

    private void positive(ReachabilitySpec spec, ServiceTarget target) {
        DefaultProbeClient from = clients.resolve(spec.client());
        for (Address address : addresses(spec, target)) {
            String alias = target.name() + ":" + target.servicePort() + " via " + address.description()
                    + " reachable from " + spec.client().displayName() + expectation(spec);
            Probing.untilSuccess(alias, spec.timeout(), () -> probe(from, spec, address, true), diagnostics);
        }
    }

    private void negative(ReachabilitySpec spec, ServiceTarget target) {
        List<Address> addresses = addresses(spec, target);
        positiveControl(spec, target, addresses);
        DefaultProbeClient from = clients.resolve(spec.client());
        String alias = target.name() + ":" + target.servicePort() + " via "
                + addresses.stream().map(Address::description).toList() + " blocked from " + spec.client().displayName();
        Supplier<ProbeResult> anyGetsThrough = () -> {
            ProbeResult last = null;
            for (Address address : addresses) {
                last = probe(from, spec, address, false);
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

    private void positiveControl(ReachabilitySpec spec, ServiceTarget target, List<Address> addresses) {
        String what = "positive control: " + target.name() + ":" + target.servicePort() + " serves";
        if (spec.controlClient() != null && !spec.controlClient().isEmpty()) {
            DefaultProbeClient control = clients.resolveNamed(spec.controlClient());
            for (Address address : addresses) {
                Probing.untilSuccess(what + " to " + control.name() + " via " + address.description(), spec.timeout(),
                        () -> probe(control, spec, address, false), diagnostics);
            }
            return;
        }
        new PortForwardControl(client).awaitServing(target, spec.protocol(), spec.path(), spec.timeout(), diagnostics);
    }

    /**
     * One probe. For a positive HTTP check success means the expected status and body; for a
     * negative one any HTTP answer means the target was reached.
     */
    private static ProbeResult probe(DefaultProbeClient from, ReachabilitySpec spec, Address address, boolean expectations) {
        if (spec.protocol() == ProbeProtocol.TCP) {
            return from.tcp(address.host(), address.port());
        }
        ProbeResult r = expectations
                ? from.http(address.host(), address.port(), spec.path(), spec.expectStatus(), spec.expectBody())
                : from.http(address.host(), address.port(), spec.path());
        if (expectations || r.success() || r.httpStatus() < 0) {
            return r;
        }
        return new ProbeResult(r.client(), r.target(), r.command(), r.exitCode(), r.stdout(), r.stderr(), r.httpStatus(),
                true, r.duration());
    }

    private List<Address> addresses(ReachabilitySpec spec, ServiceTarget target) {
        Via via = spec.via();
        return switch (via) {
            case CLUSTER_IP -> List.of(new Address(target.clusterIp(), target.servicePort(), "ClusterIP " + target.clusterIp()));
            case DNS -> List.of(new Address(target.dnsName(), target.servicePort(), "DNS " + target.dnsName()));
            case EACH_ENDPOINT -> {
                List<ServiceHandle.Endpoint> endpoints = target.endpoints(client);
                if (endpoints.isEmpty()) {
                    throw new AssertionError("service " + target.name() + " has no ready endpoint to probe");
                }
                yield endpoints.stream().map(e -> new Address(e.ip(), e.port(), "endpoint " + e.ip() + ":" + e.port()
                        + (e.podName() == null ? "" : " (pod " + e.podName() + ")"))).toList();
            }
        };
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

    private record Address(String host, int port, String description) {
    }
}
