package io.k8snettest.examples.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.WithDeployment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad-input catalogue, declared checks on template methods, on the real cluster: a failing
 * {@code @ReachableFrom} fails every invocation of a {@code @RepeatedTest} and a
 * {@code @ParameterizedTest}, as it fails a plain {@code @Test}; it is never skipped.
 */
@Execution(ExecutionMode.CONCURRENT)
class TemplateCatalogueTest {

    private static final Duration BOUND = Duration.ofSeconds(150);

    @CatalogueCase
    @K8sNetTest
    @WithDeployment(name = "web", image = CheckCatalogueTest.NGINX, port = 80)
    @ExposeService(deployment = "web")
    static class RepeatedTestCase {
        @RepeatedTest(2)
        @ReachableFrom(service = "web", path = "/no-such-page", timeout = "5s")
        void test() {
        }
    }

    @CatalogueCase
    @K8sNetTest
    @WithDeployment(name = "web", image = CheckCatalogueTest.NGINX, port = 80)
    @ExposeService(deployment = "web")
    @ReachableFrom(service = "web", path = "/no-such-page", timeout = "5s")
    static class ParameterizedTestCase {
        @ParameterizedTest
        @ValueSource(strings = {"first", "second"})
        void test(String argument) {
        }
    }

    @Test
    @DisplayName("bad input: @RepeatedTest with a failing method-level @ReachableFrom -> every repetition fails, naming the check and the HTTP 404")
    void repeatedTestRunsItsChecks(TestReporter reporter) {
        assertEveryInvocationFails(reporter, RepeatedTestCase.class);
    }

    @Test
    @DisplayName("bad input: @ParameterizedTest under a failing class-level @ReachableFrom -> every invocation fails, naming the check and the HTTP 404")
    void parameterizedTestRunsItsChecks(TestReporter reporter) {
        assertEveryInvocationFails(reporter, ParameterizedTestCase.class);
    }

    /** Both invocations of the case's template fail with the check's origin and the 404 its probe got. */
    private static void assertEveryInvocationFails(TestReporter reporter, Class<?> testCase) {
        Catalogue.Verdict verdict = Catalogue.run(reporter, testCase, Map.of());
        String message = verdict.assertFailedWithin(BOUND);

        assertThat(verdict.failedTests()).as(message).isEqualTo(2);
        assertThat(message).contains("@ReachableFrom(", "service=\"web\"", "/no-such-page", "HTTP 404");
    }
}
