package io.k8snettest.probe;

import java.time.Duration;
import java.util.List;

/** Runs a command in a pod's container, bounded by a timeout: the one-shot {@link PodExec} or the pooled {@link ProbeChannels}. */
interface CommandRunner {

    /** What the command did; exit code -1 when it could not be run or timed out (the note says which). */
    PodExec.Outcome run(String namespace, String pod, String container, List<String> command, Duration timeout);

    /** Whether the pod exists and is not being deleted (an exec that failed may have lost its pod). */
    boolean isRunning(String namespace, String pod);
}
