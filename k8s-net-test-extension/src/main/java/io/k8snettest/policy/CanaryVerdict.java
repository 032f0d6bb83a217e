package io.k8snettest.policy;

/**
 * Whether the cluster enforces NetworkPolicy, as the canary found, and the message that explains it.
 *
 * @param kind    the verdict
 * @param message what was observed; for a failing verdict the full failure message
 */
record CanaryVerdict(Kind kind, String message) {

    /** The possible verdicts; {@link #PENDING} while the canary still needs probes. */
    public enum Kind { PENDING, ENFORCED, NOT_ENFORCED, CANARY_BROKEN }

    public boolean enforced() {
        return kind == Kind.ENFORCED;
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
