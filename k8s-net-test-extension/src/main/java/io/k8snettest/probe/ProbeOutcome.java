package io.k8snettest.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.ProbeResult;
import org.apiguardian.api.API;

/**
 * What one probe of a reachability or policy check saw: the one classification of probe results,
 * used by the declared checks, the probe clients's blocked waits, the matrix and the canary.
 */
@API(status = INTERNAL, since = "0.1")
public enum ProbeOutcome {
    /** The client reached the target. */
    REACHED,
    /** The probe ran and did not get through (refused, timed out, no answer). */
    BLOCKED,
    /** The probe itself could not run (exec failed, no output): says nothing about the policy. */
    ERROR;

    /** A probe's result: reached when it succeeded, an error when its tool never ran (exit -1), else blocked. */
    public static ProbeOutcome of(ProbeResult result) {
        return of(result.success(), result.exitCode());
    }

    /** @param exitCode the probe tool's exit code, negative when it could not run */
    public static ProbeOutcome of(boolean reached, int exitCode) {
        return reached ? REACHED : exitCode < 0 ? ERROR : BLOCKED;
    }
}
