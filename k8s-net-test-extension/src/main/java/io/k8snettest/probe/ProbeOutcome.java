package io.k8snettest.probe;

/** What one probe of a policy check saw. */
public enum ProbeOutcome {
    /** The client reached the target. */
    REACHED,
    /** The probe ran and did not get through (refused, timed out, no answer). */
    BLOCKED,
    /** The probe itself could not run (exec failed, no output): says nothing about the policy. */
    ERROR
}
