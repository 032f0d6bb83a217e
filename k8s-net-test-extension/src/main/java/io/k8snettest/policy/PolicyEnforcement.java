package io.k8snettest.policy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The NetworkPolicy canary's verdict for one cluster, computed once and shared by every test class
 * on that cluster (the extension keeps one per cluster in the JUnit root store). Concurrent callers
 * wait for the first computation instead of starting a second canary.
 */
@API(status = INTERNAL, since = "0.1")
public final class PolicyEnforcement {

    private CanaryVerdict verdict;

    /** The cached verdict, computing it with {@code canary} on the first call. */
    public synchronized CanaryVerdict verdict(Supplier<CanaryVerdict> canary) {
        if (verdict == null) {
            verdict = canary.get();
        }
        return verdict;
    }

    @Override
    public synchronized String toString() {
        return verdict == null ? "NetworkPolicy enforcement: not checked yet" : "NetworkPolicy enforcement: " + verdict;
    }
}
