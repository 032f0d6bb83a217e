package io.k8snettest.examples.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.k8snettest.api.K8sNetTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs one bad-input {@code *TestCase} through the Jupiter engine (the engine test kit) on the cluster
 * the suite runs on: the case inherits the run's settings (system properties, junit-platform.properties,
 * {@code K8SNET_*}); the catalogue adds only short bounds where a case must wait, and never keeps a namespace.
 */
final class Catalogue {

    private Catalogue() {
    }

    /**
     * Runs the case with these settings on top of the run's, timing the whole run (namespace setup to
     * cleanup), and publishes its time and failure text as report entries {@code k8snet.catalogue.*}.
     */
    static Verdict run(TestReporter reporter, Class<?> testCase, Map<String, String> settings) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(CatalogueCase.KEY, "true");
        parameters.put(K8sNetTest.KEEP_NAMESPACE_KEY, "never"); // the cases fail on purpose: keep nothing of theirs
        parameters.putAll(settings);
        long start = System.nanoTime();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testCase))
                .configurationParameters(parameters)
                .execute();
        Verdict verdict = new Verdict(testCase, results, Duration.ofNanos(System.nanoTime() - start));
        reporter.publishEntry(Map.of("k8snet.catalogue.case", testCase.getSimpleName(),
                "k8snet.catalogue.elapsed-ms", String.valueOf(verdict.elapsed().toMillis()),
                "k8snet.catalogue.message", verdict.failures().isEmpty() ? "(none: the case did not fail)" : verdict.text()));
        return verdict;
    }

    /** What a case did: its events, every failure's text, and how long it took. */
    record Verdict(Class<?> testCase, EngineExecutionResults results, Duration elapsed) {

        /**
         * Asserts the case failed (a failed test or class, none succeeded) within {@code bound}; returns the
         * failures' text (messages, causes and suppressed, as a user reads them). Skips, like the examples do,
         * when the run has no cluster and does not require one.
         */
        String assertFailedWithin(Duration bound) {
            assumeFalse(skippedForLackOfCluster(), () -> testCase.getSimpleName() + " was skipped: " + skipReasons());
            assertThat(failures()).as("%s must fail; events: %s", testCase.getSimpleName(), results.allEvents().list())
                    .isNotEmpty();
            assertThat(results.testEvents().succeeded().count()).as("tests of %s that passed", testCase.getSimpleName())
                    .isZero();
            assertThat(elapsed).as("time of %s (bound %ss); failures:%n%s", testCase.getSimpleName(), bound.toSeconds(),
                    text()).isLessThan(bound);
            return text();
        }

        /** The case's test namespace, as the extension reported it ({@code k8snet.namespace}). */
        String namespace() {
            return results.allEvents().reportingEntryPublished().stream()
                    .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("k8snet.namespace"))
                    .filter(ns -> ns != null).findFirst()
                    .orElseThrow(() -> new AssertionError(testCase.getSimpleName() + " reported no k8snet.namespace"));
        }

        /** Failed test invocations (templates: one per invocation). */
        long failedTests() {
            return results.testEvents().failed().count();
        }

        List<Throwable> failures() {
            return results.allEvents().failed().stream()
                    .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                    .toList();
        }

        /** Every failure with its causes and suppressed exceptions, one paragraph each. */
        String text() {
            List<String> parts = new ArrayList<>();
            Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            failures().forEach(t -> describe(t, parts, seen));
            return String.join("\n", parts);
        }

        private static void describe(Throwable t, List<String> parts, Set<Throwable> seen) {
            if (t == null || !seen.add(t)) {
                return;
            }
            parts.add(t.getClass().getName() + ": " + t.getMessage());
            describe(t.getCause(), parts, seen);
            for (Throwable s : t.getSuppressed()) {
                describe(s, parts, seen);
            }
        }

        private boolean skippedForLackOfCluster() {
            return failures().isEmpty() && results.allEvents().succeeded().count() <= 1
                    && (results.allEvents().skipped().count() > 0 || results.allEvents().aborted().count() > 0);
        }

        private String skipReasons() {
            List<String> reasons = new ArrayList<>();
            results.allEvents().skipped().stream().map(e -> e.getRequiredPayload(String.class)).forEach(reasons::add);
            results.allEvents().aborted().stream().map(Event::toString).forEach(reasons::add);
            return String.join("; ", reasons);
        }
    }
}
