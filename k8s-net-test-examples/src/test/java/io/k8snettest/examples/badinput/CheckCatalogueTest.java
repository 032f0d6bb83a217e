package io.k8snettest.examples.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.api.WithManifest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Bad-input catalogue, reachability checks that must fail, on the real cluster: a wrong port or body
 * fails with what the probe saw and what to check; a dead port never passes as "blocked"; a namespace
 * deleted under a running test fails the test instead of hanging it.
 */
@Execution(ExecutionMode.CONCURRENT)
class CheckCatalogueTest {

    static final String NGINX = "nginx:1.22.1";

    @CatalogueCase
    @K8sNetTest
    @WithDeployment(name = "web", image = NGINX, port = 80)
    @ExposeService(deployment = "web", port = 80, targetPort = 8080)
    static class WrongTargetPortTestCase {
        @Test
        @ReachableFrom(service = "web", timeout = "10s")
        void test() {
        }
    }

    @CatalogueCase
    @K8sNetTest
    @WithDeployment(name = "web", image = NGINX, port = 80)
    @ExposeService(deployment = "web")
    static class WrongExpectedBodyTestCase {
        @Test
        @ReachableFrom(service = "web", expectBody = "<title>Goodbye</title>", timeout = "10s")
        void test() {
        }
    }

    /** nginx serves on 80; the service also offers 8080, mapped to a pod port nobody listens on. */
    @CatalogueCase
    @K8sNetTest
    @WithManifest("two-port-service.yaml")
    @WithDeployment(name = "web", image = NGINX, port = 80, labels = "app=web")
    static class DeadPortUnderNegativeCheckTestCase {
        @Test
        @NotReachableFrom(service = "web", port = 8080, stabilityWindow = "2s")
        void test() {
        }
    }

    @CatalogueCase
    @K8sNetTest
    @WithDeployment(name = "web", image = NGINX, port = 80)
    @ExposeService(deployment = "web")
    static class NamespaceDeletedMidTestTestCase {
        @Test
        @ReachableFrom(service = "web", timeout = "10s")
        void test(NetTest net) {
            // someone else (a cleanup job, a colleague's kubectl) deletes the namespace under the running test
            net.kubernetesClient().namespaces().withName(net.namespace()).delete();
            await("namespace " + net.namespace() + " terminating").atMost(Duration.ofSeconds(30))
                    .until(() -> net.kubernetesClient().namespaces().withName(net.namespace()).get(),
                            ns -> ns == null || ns.getMetadata().getDeletionTimestamp() != null);
        }
    }

    @Test
    @DisplayName("bad input: wrong targetPort -> connection refused, naming @ReachableFrom, service web and the targetPort to check")
    void wrongTargetPort(TestReporter reporter) {
        String message = Catalogue.run(reporter, WrongTargetPortTestCase.class, Map.of()).assertFailedWithin(Duration.ofSeconds(120));

        assertThat(message).contains("@ReachableFrom(", "service=\"web\"", "within 10s", "refused")
                .contains("@ExposeService targetPort");
    }

    @Test
    @DisplayName("bad input: wrong expected body -> the body that came instead, naming @ReachableFrom, service web and the expectation to check")
    void wrongExpectedBody(TestReporter reporter) {
        String message = Catalogue.run(reporter, WrongExpectedBodyTestCase.class, Map.of()).assertFailedWithin(Duration.ofSeconds(120));

        assertThat(message).contains("@ReachableFrom(", "service=\"web\"", "<title>Goodbye</title>", "within 10s")
                .contains("HTTP 200", "<title>Welcome to nginx!</title>", "check the expected status, the path and the expected body text");
    }

    @Test
    @DisplayName("bad input: dead port under a negative check -> FAILS (never passes as blocked), naming @NotReachableFrom, port 8080 and that nothing serves it")
    void deadPortUnderNegativeCheck(TestReporter reporter) {
        String message = Catalogue.run(reporter, DeadPortUnderNegativeCheckTestCase.class, Map.of(K8sNetTest.PROBE_TIMEOUT_KEY, "15s"))
                .assertFailedWithin(Duration.ofSeconds(180));

        assertThat(message).contains("@NotReachableFrom(", "service=\"web\"", "does not serve on port 8080")
                .contains("targetPort");
    }

    @Test
    @DisplayName("bad input: namespace deleted mid-test -> the check fails naming the namespace and its deletion, and cleanup does not hang")
    void namespaceDeletedMidTest(TestReporter reporter) {
        Catalogue.Verdict verdict = Catalogue.run(reporter, NamespaceDeletedMidTestTestCase.class, Map.of());
        String message = verdict.assertFailedWithin(Duration.ofSeconds(150));

        assertThat(message).contains("@ReachableFrom(", "service=\"web\"", "namespace " + verdict.namespace())
                .containsPattern("(being terminated|being deleted|was deleted)");
    }
}
