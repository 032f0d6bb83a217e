package io.k8snettest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.WithDeployment;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Declared checks are evaluated for every kind of test method: each case below declares a check
 * that must fail on the mock cluster (its client is a pod that does not exist), and the failure must
 * come from that very check, named by its origin. The counterparts without checks pass, so the
 * failures are the checks' doing and not the cases'.
 */
@ExtendWith(MockCluster.Extension.class)
class DeclaredChecksLifecycleTest {

    /** Cases on the mock cluster end within a few seconds; a skipped check would end sooner but green. */
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String MISSING_POD = ": no pod 'absent' in namespace k8snet-";

    /** A served deployment "web" (port 80) and its service. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @WithDeployment(name = "web", image = "nginx:1.27", port = 80)
    @ExposeService(deployment = "web")
    @interface Web {
    }

    private static String origin(String attributes, String where) {
        return "@ReachableFrom(" + attributes + ") on DeclaredChecksLifecycleTest." + where;
    }

    private static final String ABSENT = "existingPod=\"absent\", service=\"web\"";

    // --- plain @Test, method and class level -------------------------------------------------

    @EngineTestKitOnly
    @K8sNetTest
    @Web
    static class PlainTestCase {
        @Test
        @ReachableFrom(existingPod = "absent", service = "web")
        void test() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @Web
    @ReachableFrom(existingPod = "absent", service = "web")
    static class ClassLevelTestCase {
        @Test
        void test() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @Web
    static class DefaultProbeClientTestCase {
        @Test
        @ReachableFrom(client = "load-generator", service = "web")
        void test() {
        }
    }

    // --- templates ---------------------------------------------------------------------------

    @EngineTestKitOnly
    @K8sNetTest
    @Web
    @ReachableFrom(existingPod = "absent", service = "web")
    static class RepeatedTestCase {
        @RepeatedTest(2)
        void repeated() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @Web
    static class ParameterizedTestCase {
        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        @ReachableFrom(existingPod = "absent", service = "web")
        void parameterized(int value) {
        }
    }

    /** Two invocations of a plain {@code @TestTemplate}. */
    static final class TwoInvocations implements TestTemplateInvocationContextProvider {
        @Override
        public boolean supportsTestTemplate(ExtensionContext context) {
            return true;
        }

        @Override
        public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
            return Stream.of(new TestTemplateInvocationContext() { }, new TestTemplateInvocationContext() { });
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @Web
    static class TemplateTestCase {
        @TestTemplate
        @ExtendWith(TwoInvocations.class)
        @ReachableFrom(existingPod = "absent", service = "web")
        void template() {
        }
    }

    /** Counts dynamic tests that ran; reset by the test that reads it. */
    static final AtomicInteger DYNAMIC_TESTS_RUN = new AtomicInteger();

    @EngineTestKitOnly
    @K8sNetTest
    @Web
    static class FactoryTestCase {
        @TestFactory
        @ReachableFrom(existingPod = "absent", service = "web")
        Stream<DynamicTest> factory() {
            return Stream.of(DynamicTest.dynamicTest("one", DYNAMIC_TESTS_RUN::incrementAndGet),
                    DynamicTest.dynamicTest("two", DYNAMIC_TESTS_RUN::incrementAndGet));
        }
    }

    // --- nested and inherited ----------------------------------------------------------------

    @EngineTestKitOnly
    @K8sNetTest
    @Web
    @ReachableFrom(existingPod = "absent", service = "web")
    static class EnclosingTestCase {
        @Nested
        class InnerTestCase {
            @RepeatedTest(2)
            void repeated() {
            }
        }
    }

    @Web
    @ReachableFrom(existingPod = "absent", service = "web")
    abstract static class AbstractBaseCase {
        @Test
        @ReachableFrom(existingPod = "absent-too", service = "web")
        void inherited() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    static class InheritingTestCase extends AbstractBaseCase {
    }

    // --- the counterpart: the same shapes without checks pass ------------------------------------

    @EngineTestKitOnly
    @K8sNetTest
    @Web
    static class WithoutChecksTestCase {
        @Test
        void test() {
        }

        @RepeatedTest(2)
        void repeated() {
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        void parameterized(int value) {
        }

        @TestTemplate
        @ExtendWith(TwoInvocations.class)
        void template() {
        }

        @TestFactory
        Stream<DynamicTest> factory() {
            return Stream.of(DynamicTest.dynamicTest("one", DYNAMIC_TESTS_RUN::incrementAndGet));
        }

        @Nested
        class InnerTestCase {
            @Test
            void test() {
            }
        }
    }

    // --- the proofs ----------------------------------------------------------------------------

    private record Run(EngineExecutionResults results, Duration elapsed) {
        List<String> failures() {
            return results.allEvents().finished().stream()
                    .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow())
                    .filter(r -> r.getStatus() == TestExecutionResult.Status.FAILED)
                    .map(r -> r.getThrowable().map(Throwable::getMessage).orElse("")).toList();
        }

        List<String> failedTests() {
            return results.testEvents().failed().stream().map(Event::getTestDescriptor)
                    .map(d -> d.getDisplayName()).toList();
        }
    }

    private static Run run(MockCluster cluster, Class<?> testCase) {
        return run(cluster, Map.of(), testCase);
    }

    private static Run run(MockCluster cluster, Map<String, String> parameters, Class<?> testCase) {
        long start = System.nanoTime();
        EngineExecutionResults results = cluster.run(parameters, testCase);
        Run run = new Run(results, Duration.ofNanos(System.nanoTime() - start));
        assertThat(run.elapsed()).as("time to the verdict").isLessThan(BOUND);
        assertThat(cluster.namespaces()).as("namespaces left behind").isEmpty();
        return run;
    }

    /** Each of the {@code tests} tests ran and failed, each from the check declared at {@code where}. */
    private static void assertEachFailsFromTheCheck(Run run, int tests, String where) {
        run.results().testEvents().assertStatistics(stats -> stats.started(tests).failed(tests));
        assertThat(run.failures()).hasSize(tests).allSatisfy(message ->
                assertThat(message).startsWith(origin(ABSENT, where) + MISSING_POD));
    }

    @Test
    @DisplayName("bad input: a failing method-level check fails a plain @Test, named by its origin")
    void plainTestMethodCheck(MockCluster cluster) {
        assertEachFailsFromTheCheck(run(cluster, PlainTestCase.class), 1, "PlainTestCase.test()");
    }

    @Test
    @DisplayName("bad input: a failing class-level check fails a plain @Test, named by its origin")
    void plainTestClassCheck(MockCluster cluster) {
        assertEachFailsFromTheCheck(run(cluster, ClassLevelTestCase.class), 1, "ClassLevelTestCase");
    }

    @Test
    @DisplayName("bad input: a probe client that never becomes ready fails the check within the ready timeout")
    void probeClientThatNeverStarts(MockCluster cluster) {
        // The fake control plane runs no standalone pods: the probe pod stays pending.
        Run run = run(cluster, Map.of(K8sNetTest.READY_TIMEOUT_KEY, "2s", K8sNetTest.PROBE_TIMEOUT_KEY, "2s"),
                DefaultProbeClientTestCase.class);

        run.results().testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(run.failures()).singleElement().asString()
                .startsWith(origin("client=\"load-generator\", service=\"web\"", "DefaultProbeClientTestCase.test()") + ": ")
                .contains("load-generator");
    }

    @Test
    @DisplayName("bad input: a failing class-level check fails every repetition of a @RepeatedTest")
    void repeatedTest(MockCluster cluster) {
        assertEachFailsFromTheCheck(run(cluster, RepeatedTestCase.class), 2, "RepeatedTestCase");
    }

    @Test
    @DisplayName("bad input: a failing method-level check fails every invocation of a @ParameterizedTest")
    void parameterizedTest(MockCluster cluster) {
        assertEachFailsFromTheCheck(run(cluster, ParameterizedTestCase.class), 3,
                "ParameterizedTestCase.parameterized()");
    }

    @Test
    @DisplayName("bad input: a failing check fails every invocation of a @TestTemplate")
    void testTemplate(MockCluster cluster) {
        assertEachFailsFromTheCheck(run(cluster, TemplateTestCase.class), 2, "TemplateTestCase.template()");
    }

    @Test
    @DisplayName("bad input: a failing check fails a @TestFactory once, before its dynamic tests run")
    void testFactory(MockCluster cluster) {
        DYNAMIC_TESTS_RUN.set(0);
        Run run = run(cluster, FactoryTestCase.class);

        run.results().testEvents().assertStatistics(stats -> stats.started(0));
        assertThat(run.failures()).singleElement().asString()
                .startsWith(origin(ABSENT, "FactoryTestCase.factory()") + MISSING_POD);
        assertThat(DYNAMIC_TESTS_RUN).as("dynamic tests run").hasValue(0);
    }

    @Test
    @DisplayName("bad input: an enclosing class's failing check fails the tests of its @Nested class")
    void nestedClass(MockCluster cluster) {
        assertEachFailsFromTheCheck(run(cluster, EnclosingTestCase.class), 2, "EnclosingTestCase");
    }

    @Test
    @DisplayName("bad input: failing checks inherited from an abstract base class (class and method level) fail")
    void inheritedChecks(MockCluster cluster) {
        Run run = run(cluster, InheritingTestCase.class);

        run.results().testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        // Both checks ran: the class's and the method's, reported together.
        assertThat(run.failures()).singleElement().asString()
                .startsWith("2 of 2 reachability checks failed:")
                .contains(origin(ABSENT, "InheritingTestCase") + MISSING_POD)
                .contains(origin("existingPod=\"absent-too\", service=\"web\"", "InheritingTestCase.inherited()")
                        + ": no pod 'absent-too'");
    }

    @Test
    void theSameShapesWithoutChecksPass(MockCluster cluster) {
        DYNAMIC_TESTS_RUN.set(0);
        Run run = run(cluster, WithoutChecksTestCase.class);

        assertThat(run.failures()).isEmpty();
        run.results().testEvents().assertStatistics(stats -> stats.started(9).succeeded(9));
        assertThat(DYNAMIC_TESTS_RUN).as("dynamic tests run").hasValue(1);
    }
}
