package io.k8snettest.policy;

import io.k8snettest.config.Durations;
import io.k8snettest.probe.BlockedRun;
import io.k8snettest.probe.ProbeOutcome;
import java.time.Duration;
import java.util.List;

/**
 * The NetworkPolicy canary's logic, from probe outcomes to a verdict. Pure.
 *
 * <p>The canary is a client that must first reach a server (the positive control: otherwise the
 * canary itself is broken and says nothing about policies); then a deny-all ingress policy selects
 * the server, and the client must become blocked within {@code bound} and stay blocked for
 * {@code hold}. Still reachable after the bound: the cluster does not enforce NetworkPolicy.
 */
final class CanaryDecision {

    static final String REMEDY = "Negative checks would pass or fail for the wrong reason. Run a CNI or policy"
            + " controller that enforces NetworkPolicy (k3s embeds kube-router; kind needs Calico or Cilium; the"
            + " cluster of .ci/local-cluster runs kube-router's firewall) and check that it is running and healthy.";

    /** A probe after the policy was created, {@code at} that long after its creation. */
    public record Observation(Duration at, ProbeOutcome outcome) {
    }

    private CanaryDecision() {
    }

    /**
     * @param control     outcomes of the positive control before any policy, once it has finished
     *                    (it stops at the first {@link ProbeOutcome#REACHED} or at its bound)
     * @param afterPolicy timed outcomes since the deny-all policy was created, in order
     * @param bound       by when the client must be blocked
     * @param hold        how long it must then stay blocked
     * @param route       {@code from <ns>/<client> to <ip>:<port>}, for messages
     */
    public static CanaryVerdict decide(List<ProbeOutcome> control, List<Observation> afterPolicy, Duration bound,
                                       Duration hold, String route) {
        if (!control.contains(ProbeOutcome.REACHED)) {
            return new CanaryVerdict(CanaryVerdict.Kind.CANARY_BROKEN, "k8s-net-test: the NetworkPolicy canary is broken:"
                    + " its client never reached its server before any policy existed (" + route + "; "
                    + control.size() + " probes: " + summary(control) + "), so whether this cluster enforces"
                    + " NetworkPolicy is unknown. This is not a verdict on policies: check pod-to-pod networking,"
                    + " the probe image and the canary's pods first.");
        }
        BlockedRun run = new BlockedRun(hold);
        afterPolicy.forEach(o -> run.record(o.at(), o.outcome()));
        if (run.held() && run.heldFrom().orElseThrow().compareTo(bound) <= 0) {
            return new CanaryVerdict(CanaryVerdict.Kind.ENFORCED, "a deny-all ingress policy blocked the canary ("
                    + route + ") " + Durations.format(run.heldFrom().orElseThrow()) + " after its creation and it stayed"
                    + " blocked for " + Durations.format(hold) + " (" + run.probes() + " probes, " + run.reached()
                    + " got through before)");
        }
        if (afterPolicy.isEmpty() || last(afterPolicy).at().compareTo(bound) < 0
                || run.runStart().filter(start -> start.compareTo(bound) <= 0).isPresent()) {
            return new CanaryVerdict(CanaryVerdict.Kind.PENDING, "probing (" + afterPolicy.size() + " probes so far)");
        }
        if (lastNotBlocked(afterPolicy) == ProbeOutcome.ERROR) {
            return new CanaryVerdict(CanaryVerdict.Kind.CANARY_BROKEN, "k8s-net-test: the NetworkPolicy canary is broken:"
                    + " after a deny-all ingress policy, its probes (" + route + ") could not run (" + run.errors() + " of "
                    + run.probes() + " failed to execute within " + Durations.format(bound) + "), so whether this"
                    + " cluster enforces NetworkPolicy is unknown. Check exec into pods (pods/exec) and the probe image.");
        }
        return new CanaryVerdict(CanaryVerdict.Kind.NOT_ENFORCED, "k8s-net-test: this cluster does not enforce"
                + " NetworkPolicy: a deny-all ingress policy left the canary server reachable for " + Durations.format(bound)
                + " (" + route + "): " + run.reached() + " of " + run.probes() + " probes after the policy got through,"
                + " the last " + Durations.format(run.lastReachedAt().orElseThrow()) + " after its creation. " + REMEDY);
    }

    private static Observation last(List<Observation> observations) {
        return observations.get(observations.size() - 1);
    }

    private static ProbeOutcome lastNotBlocked(List<Observation> observations) {
        for (int i = observations.size() - 1; i >= 0; i--) {
            if (observations.get(i).outcome() != ProbeOutcome.BLOCKED) {
                return observations.get(i).outcome();
            }
        }
        return ProbeOutcome.BLOCKED;
    }

    private static String summary(List<ProbeOutcome> outcomes) {
        long blocked = outcomes.stream().filter(o -> o == ProbeOutcome.BLOCKED).count();
        return blocked + " blocked, " + (outcomes.size() - blocked) + " could not run";
    }
}
