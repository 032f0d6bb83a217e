package io.k8snettest.examples.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.k8snettest.api.K8sNetTest;
import java.util.Arrays;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs benchmark classes the way a build runs tests: through the JUnit Platform Launcher, public API
 * only, classes one after the other in {@code @Order}, a missing cluster a failure. Records when each
 * class and method started and finished ({@link Timeline} marks {@code start:<simple class name>},
 * {@code start:<method name>}, {@code end:...}) and the {@code bench.*} report entries.
 */
final class LauncherRun {

    private LauncherRun() {
    }

    /**
     * Runs {@code classes} in one launcher execution.
     *
     * @return the timeline, with the mark {@code launcher-returned} set when the execution (namespace
     *         deletion and the cluster connection's close included) was over
     * @throws IllegalStateException when a class or test failed or was skipped
     */
    static Timeline run(Class<?>... classes) {
        return run(java.util.Map.of(), classes);
    }

    /** {@link #run(Class[])} with further configuration parameters (e.g. {@code k8snet.*} settings). */
    static Timeline run(java.util.Map<String, String> parameters, Class<?>... classes) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList())
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
                .configurationParameter("junit.platform.reporting.open.xml.enabled", "false")
                .configurationParameter(K8sNetTest.REQUIRE_CLUSTER_KEY, "true")
                .configurationParameters(parameters)
                .build();
        Timeline timeline = new Timeline();
        LauncherFactory.create().execute(request, new Recorder(timeline));
        timeline.mark("launcher-returned", System.nanoTime());
        timeline.requireClean();
        return timeline;
    }

    /** Records into a {@link Timeline}. */
    private record Recorder(Timeline timeline) implements TestExecutionListener {

        @Override
        public void executionStarted(TestIdentifier id) {
            name(id).ifPresent(n -> timeline.mark("start:" + n, System.nanoTime()));
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            long now = System.nanoTime();
            name(id).ifPresent(n -> timeline.mark("end:" + n, now));
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                timeline.problem(id.getDisplayName() + ": " + result.getStatus() + ": "
                        + result.getThrowable().map(LauncherRun::describe).orElse("(no exception)"));
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            timeline.problem(id.getDisplayName() + ": skipped: " + reason);
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            entry.getKeyValuePairs().forEach((key, value) -> {
                timeline.entry(key, value);
                if (key.startsWith("bench.")) {
                    System.err.println("[benchmark] " + key + " = " + value);
                }
            });
        }

        private static Optional<String> name(TestIdentifier id) {
            Optional<TestSource> source = id.getSource();
            if (source.isPresent() && source.get() instanceof ClassSource c && id.isContainer()) {
                return Optional.of(c.getJavaClass().getSimpleName());
            }
            if (source.isPresent() && source.get() instanceof MethodSource m) {
                return Optional.of(m.getMethodName());
            }
            return Optional.empty();
        }
    }

    private static String describe(Throwable t) {
        java.io.StringWriter trace = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(trace));
        return trace.toString();
    }
}
