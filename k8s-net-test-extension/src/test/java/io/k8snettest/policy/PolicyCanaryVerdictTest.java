package io.k8snettest.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.cluster.ClusterException;
import org.junit.jupiter.api.Test;

/** What @EnabledIfNetworkPolicyEnforced reads from the cached canary verdict: run, skip with the finding, or fail. */
class PolicyCanaryVerdictTest {

    private static PolicyCanary canaryWith(CanaryVerdict.Kind kind, String message) {
        PolicyEnforcement cache = new PolicyEnforcement();
        cache.verdict(() -> new CanaryVerdict(kind, message));
        return new PolicyCanary(null, null, "run-1", cache); // the cached verdict: the canary never runs
    }

    @Test
    void enforcedMeansNoReason() {
        assertThat(canaryWith(CanaryVerdict.Kind.ENFORCED, "blocked within 1s").notEnforcedReason()).isEmpty();
    }

    @Test
    void notEnforcedGivesTheCanarysFinding() {
        assertThat(canaryWith(CanaryVerdict.Kind.NOT_ENFORCED, "k8s-net-test: this cluster does not enforce NetworkPolicy: ...")
                .notEnforcedReason()).contains("k8s-net-test: this cluster does not enforce NetworkPolicy: ...");
    }

    @Test
    void aBrokenCanaryIsAFailureNotASkip() {
        assertThatThrownBy(() -> canaryWith(CanaryVerdict.Kind.CANARY_BROKEN, "k8s-net-test: the NetworkPolicy canary is broken")
                .notEnforcedReason()).isInstanceOf(ClusterException.class).hasMessage("k8s-net-test: the NetworkPolicy canary is broken");
    }
}
