package io.k8snettest.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.k8snettest.api.K8sNetTest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs {@code *TestCase} classes through the Jupiter engine and reads what they reported. */
final class EngineRuns {

    private EngineRuns() {
    }

    /** Runs the test cases with short timeouts; {@code parameters} add to or override those. */
    static EngineExecutionResults run(Map<String, String> parameters, Class<?>... testCases) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(EngineTestKitOnly.KEY, "true");
        // Configuration parameters beat K8SNET_* environment variables: pin every setting these
        // runs depend on, so the environment of the build (CI exports K8SNET_REQUIRE_CLUSTER) cannot leak in.
        all.put(K8sNetTest.REQUIRE_CLUSTER_KEY, "false");
        all.put(K8sNetTest.KEEP_NAMESPACE_KEY, "never");
        all.put(K8sNetTest.NAMESPACE_PREFIX_KEY, "k8snet");
        all.put(K8sNetTest.STALE_NAMESPACE_AGE_KEY, "1h");
        all.put(K8sNetTest.PROBE_IMAGE_KEY, K8sNetTest.DEFAULT_PROBE_IMAGE);
        all.put(K8sNetTest.PROBE_TIMEOUT_KEY, "10s");
        all.put(K8sNetTest.STABILITY_WINDOW_KEY, "1s");
        all.put(K8sNetTest.READY_TIMEOUT_KEY, "10s");
        all.put(K8sNetTest.DELETE_TIMEOUT_KEY, "10s");
        all.putAll(parameters);
        return EngineTestKit.engine("junit-jupiter")
                .selectors(Arrays.stream(testCases).map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .configurationParameters(all)
                .execute();
    }

    /** Values of every report entry with {@code key}, in publication order. */
    static List<String> entries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key))
                .filter(v -> v != null).toList();
    }

    /** The value of the report entry {@code key} published on the container of {@code testCase}. */
    static String entry(EngineExecutionResults results, Class<?> testCase, String key) {
        return optionalEntry(results, testCase, key)
                .orElseThrow(() -> new AssertionError("no report entry " + key + " on " + testCase.getSimpleName()));
    }

    /** The value of the report entry {@code key} published on the container of {@code testCase}, if any. */
    static Optional<String> optionalEntry(EngineExecutionResults results, Class<?> testCase, String key) {
        return results.containerEvents().reportingEntryPublished().stream()
                .filter(e -> isClass(e, testCase))
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key))
                .filter(v -> v != null).findFirst();
    }

    private static boolean isClass(Event event, Class<?> testCase) {
        return event.getTestDescriptor().getSource()
                .filter(ClassSource.class::isInstance)
                .map(s -> ((ClassSource) s).getJavaClass() == testCase).orElse(false);
    }
}
