package io.k8snettest.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.K8sNetTest;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The resolved settings the runtime (namespaces, deployments, probes) works with.
 *
 * @param namespacePrefix    {@value K8sNetTest#NAMESPACE_PREFIX_KEY}
 * @param keepNamespace      {@value K8sNetTest#KEEP_NAMESPACE_KEY}: never, on-failure or always
 * @param staleNamespaceAge  {@value K8sNetTest#STALE_NAMESPACE_AGE_KEY}
 * @param probeImage         {@value K8sNetTest#PROBE_IMAGE_KEY}
 * @param readyTimeout       {@value K8sNetTest#READY_TIMEOUT_KEY}
 * @param probeTimeout       {@value K8sNetTest#PROBE_TIMEOUT_KEY}
 * @param deleteTimeout      {@value K8sNetTest#DELETE_TIMEOUT_KEY}
 * @param stabilityWindow    {@value K8sNetTest#STABILITY_WINDOW_KEY}
 * @param probeChannel       {@value K8sNetTest#PROBE_CHANNEL_KEY}
 * @param deleteInBackground {@value K8sNetTest#NAMESPACE_DELETE_KEY} is {@code background}
 */
@API(status = INTERNAL, since = "0.1")
public record RuntimeSettings(String namespacePrefix, String keepNamespace, Duration staleNamespaceAge,
                              String probeImage, Duration readyTimeout, Duration probeTimeout,
                              Duration deleteTimeout, Duration stabilityWindow, boolean probeChannel,
                              boolean deleteInBackground) {

    public static final String KEEP_NEVER = "never";
    public static final String KEEP_ON_FAILURE = "on-failure";
    public static final String KEEP_ALWAYS = "always";
    public static final String DELETE_IN_BACKGROUND = "background";
    public static final String DELETE_WAIT = "wait";

    /** Default of {@value K8sNetTest#PROBE_TIMEOUT_KEY}. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(60);
    /** Shortest {@value K8sNetTest#STALE_NAMESPACE_AGE_KEY}: four heartbeat renewals of a live run. */
    public static final Duration MIN_STALE_NAMESPACE_AGE = Duration.ofMinutes(1);
    /** Longest {@value K8sNetTest#STALE_NAMESPACE_AGE_KEY}. */
    public static final Duration MAX_STALE_NAMESPACE_AGE = Duration.ofDays(30);
    /** Default of {@value K8sNetTest#STABILITY_WINDOW_KEY}. */
    public static final Duration DEFAULT_STABILITY_WINDOW = Duration.ofSeconds(10);

    /** The settings with the probe channel on and namespaces deleted in the background, as by default. */
    public RuntimeSettings(String namespacePrefix, String keepNamespace, Duration staleNamespaceAge, String probeImage,
                           Duration readyTimeout, Duration probeTimeout, Duration deleteTimeout, Duration stabilityWindow) {
        this(namespacePrefix, keepNamespace, staleNamespaceAge, probeImage, readyTimeout, probeTimeout, deleteTimeout,
                stabilityWindow, true, true);
    }

    /** Resolves every runtime setting; {@code keepExplicit} is the annotation's value or null. */
    public static RuntimeSettings resolve(Settings s, String keepExplicit) {
        return new RuntimeSettings(
                s.string(K8sNetTest.NAMESPACE_PREFIX_KEY, "k8snet"),
                s.choice(K8sNetTest.KEEP_NAMESPACE_KEY, keepExplicit, KEEP_NEVER, KEEP_NEVER, KEEP_ON_FAILURE, KEEP_ALWAYS),
                s.duration(K8sNetTest.STALE_NAMESPACE_AGE_KEY, Duration.ofHours(1), MIN_STALE_NAMESPACE_AGE,
                        MAX_STALE_NAMESPACE_AGE),
                s.string(K8sNetTest.PROBE_IMAGE_KEY, K8sNetTest.DEFAULT_PROBE_IMAGE),
                s.duration(K8sNetTest.READY_TIMEOUT_KEY, Duration.ofMinutes(3)),
                s.duration(K8sNetTest.PROBE_TIMEOUT_KEY, DEFAULT_PROBE_TIMEOUT),
                s.duration(K8sNetTest.DELETE_TIMEOUT_KEY, Duration.ofMinutes(2)),
                s.duration(K8sNetTest.STABILITY_WINDOW_KEY, DEFAULT_STABILITY_WINDOW),
                s.bool(K8sNetTest.PROBE_CHANNEL_KEY, true),
                DELETE_IN_BACKGROUND.equals(s.choice(K8sNetTest.NAMESPACE_DELETE_KEY, null, DELETE_IN_BACKGROUND,
                        DELETE_IN_BACKGROUND, DELETE_WAIT)));
    }

    /** Whether a namespace is kept, given whether its tests failed. */
    public boolean keep(boolean failed) {
        return KEEP_ALWAYS.equals(keepNamespace) || (failed && KEEP_ON_FAILURE.equals(keepNamespace));
    }
}
