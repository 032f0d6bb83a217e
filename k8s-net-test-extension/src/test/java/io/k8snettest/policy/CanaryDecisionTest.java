package io.k8snettest.policy;

import static io.k8snettest.probe.ProbeOutcome.BLOCKED;
import static io.k8snettest.probe.ProbeOutcome.ERROR;
import static io.k8snettest.probe.ProbeOutcome.REACHED;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.policy.CanaryDecision.Observation;
import io.k8snettest.policy.CanaryVerdict.Kind;
import io.k8snettest.probe.ProbeOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryDecisionTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Duration HOLD = Duration.ofSeconds(3);
    private static final String ROUTE = "from canary-ns/canary-client to 10.42.0.7:8080";
    private static final List<ProbeOutcome> CONTROL_OK = List.of(BLOCKED, REACHED);

    @Test
    void blockedSoonAndForTheWholeHoldIsEnforced() {
        CanaryVerdict v = decide(CONTROL_OK, at(0, REACHED), at(1_000, BLOCKED), at(2_500, BLOCKED), at(4_000, BLOCKED));

        assertThat(v.kind()).isEqualTo(Kind.ENFORCED);
        assertThat(v.enforced()).isTrue();
        assertThat(v.message()).contains("blocked the canary (" + ROUTE + ") 1s after its creation", "stayed blocked for 3s", "1 got through before");
    }

    @Test
    void blockedButNotYetForTheHoldIsPending() {
        assertThat(decide(CONTROL_OK, at(1_000, BLOCKED), at(2_000, BLOCKED)).kind()).isEqualTo(Kind.PENDING);
        assertThat(decide(CONTROL_OK).kind()).isEqualTo(Kind.PENDING);
        assertThat(decide(CONTROL_OK, at(5_000, REACHED)).kind()).as("reachable, bound not passed").isEqualTo(Kind.PENDING);
    }

    @Test
    void aRunThatStartsBeforeTheBoundMayFinishAfterIt() {
        assertThat(decide(CONTROL_OK, at(29_000, BLOCKED), at(31_000, BLOCKED)).kind()).isEqualTo(Kind.PENDING);
        assertThat(decide(CONTROL_OK, at(29_000, BLOCKED), at(32_000, BLOCKED)).kind()).isEqualTo(Kind.ENFORCED);
    }

    @Test
    void stillReachableAfterTheBoundIsNotEnforcedWithTheCauseAndTheRemedy() {
        List<Observation> reachable = new ArrayList<>();
        for (int ms = 0; ms <= 30_000; ms += 3_000) {
            reachable.add(new Observation(Duration.ofMillis(ms), REACHED));
        }
        CanaryVerdict v = CanaryDecision.decide(CONTROL_OK, reachable, BOUND, HOLD, ROUTE);

        assertThat(v.kind()).isEqualTo(Kind.NOT_ENFORCED);
        assertThat(v.message()).startsWith("k8s-net-test: this cluster does not enforce NetworkPolicy: a deny-all ingress"
                        + " policy left the canary server reachable for 30s (" + ROUTE + "): 11 of 11 probes")
                .contains("the last 30s after its creation", "Negative checks would pass or fail for the wrong reason",
                        "k3s embeds kube-router; kind needs Calico or Cilium");
    }

    @Test
    void blockedOnlyNowAndThenIsNotEnforced() {
        CanaryVerdict v = decide(CONTROL_OK, at(0, BLOCKED), at(2_000, REACHED), at(20_000, BLOCKED), at(22_000, REACHED),
                at(30_500, REACHED));

        assertThat(v.kind()).isEqualTo(Kind.NOT_ENFORCED);
        assertThat(v.message()).contains("3 of 5 probes after the policy got through, the last 30500ms after");
    }

    @Test
    void blockedOnlyAfterTheBoundIsTooSlowToCount() {
        assertThat(decide(CONTROL_OK, at(10_000, REACHED), at(31_000, BLOCKED)).kind()).isEqualTo(Kind.NOT_ENFORCED);
    }

    @Test
    void aControlThatNeverReachedIsABrokenCanaryNotAVerdict() {
        CanaryVerdict v = decide(List.of(BLOCKED, BLOCKED, ERROR), at(1_000, BLOCKED), at(5_000, BLOCKED));

        assertThat(v.kind()).isEqualTo(Kind.CANARY_BROKEN);
        assertThat(v.message()).contains("canary is broken", "never reached its server before any policy", ROUTE,
                "3 probes: 2 blocked, 1 could not run", "not a verdict on policies");
    }

    @Test
    void probesThatCannotRunAreNeitherBlockedNorEnforced() {
        CanaryVerdict v = decide(CONTROL_OK, at(1_000, ERROR), at(15_000, ERROR), at(30_000, ERROR));

        assertThat(v.kind()).isEqualTo(Kind.CANARY_BROKEN);
        assertThat(v.message()).contains("could not run (3 of 3 failed to execute within 30s)");
        assertThat(decide(CONTROL_OK, at(0, BLOCKED), at(2_000, ERROR), at(4_000, BLOCKED)).kind())
                .as("an error breaks the blocked run").isEqualTo(Kind.PENDING);
    }

    @Test
    void theCacheComputesOnceAndServesEveryCaller() {
        PolicyEnforcement cache = new PolicyEnforcement();
        int[] runs = {0};
        CanaryVerdict first = cache.verdict(() -> {
            runs[0]++;
            return new CanaryVerdict(Kind.NOT_ENFORCED, "no");
        });

        assertThat(cache.verdict(() -> {
            runs[0]++;
            return new CanaryVerdict(Kind.ENFORCED, "yes");
        })).isSameAs(first);
        assertThat(runs[0]).isEqualTo(1);
        assertThat(cache).hasToString("NetworkPolicy enforcement: NOT_ENFORCED: no");
    }

    @Test
    void aVerdictIsTrustedForTheMaxAgeOnlyThenTheCanaryRunsAgain() {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-12-01T00:00:00Z"));
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        PolicyEnforcement cache = new PolicyEnforcement(clock, Duration.ofMinutes(5));
        int[] runs = {0};
        java.util.function.Supplier<CanaryVerdict> canary = () -> {
            runs[0]++;
            return new CanaryVerdict(runs[0] == 1 ? Kind.ENFORCED : Kind.NOT_ENFORCED, "run " + runs[0]);
        };

        assertThat(cache.verdict(canary).kind()).isEqualTo(Kind.ENFORCED);
        now.set(now.get().plus(Duration.ofMinutes(5)).minusMillis(1));
        assertThat(cache.verdict(canary).kind()).as("just within the max age: cached").isEqualTo(Kind.ENFORCED);
        now.set(now.get().plusMillis(1));
        assertThat(cache.verdict(canary).kind()).as("at the max age: the canary again (the controller stopped)")
                .isEqualTo(Kind.NOT_ENFORCED);
        assertThat(runs[0]).isEqualTo(2);
    }

    private static CanaryVerdict decide(List<ProbeOutcome> control, Observation... afterPolicy) {
        return CanaryDecision.decide(control, List.of(afterPolicy), BOUND, HOLD, ROUTE);
    }

    private static Observation at(long millis, ProbeOutcome outcome) {
        return new Observation(Duration.ofMillis(millis), outcome);
    }
}
