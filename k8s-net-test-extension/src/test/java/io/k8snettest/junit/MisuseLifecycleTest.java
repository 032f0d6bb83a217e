package io.k8snettest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.Via;
import io.k8snettest.api.WithManifest;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Misuse fails the class with the configuration error before anything touches the cluster. */
@ExtendWith(MockCluster.Extension.class)
class MisuseLifecycleTest {

    @EngineTestKitOnly
    @K8sNetTest
    @WithDeployment(name = "web", image = "nginx:1.27", port = 80)
    @ExposeService(deployment = "nginx")
    static class UnknownDeploymentTestCase {
        @Test
        void test() {
        }
    }

    @Test
    void unknownDeploymentFailsTheClassBeforeAnyClusterCall(MockCluster cluster) {
        assertFailsBeforeTheCluster(cluster, UnknownDeploymentTestCase.class,
                "@ExposeService(deployment=\"nginx\") on MisuseLifecycleTest.UnknownDeploymentTestCase:"
                        + " no deployment 'nginx' is declared; declared: [web] (from @WithDeployment or"
                        + " @WithManifest); fix the name or declare the deployment");
    }

    @EngineTestKitOnly
    @K8sNetTest
    @WithDeployment(name = "web", image = "nginx:1.27", port = 80)
    @ExposeService(deployment = "web")
    @ReachableFrom(service = "web")
    static class MethodContradictionTestCase {
        @Test
        void fine() {
        }

        @RepeatedTest(2)
        @NotReachableFrom(service = "web", via = Via.DNS)
        void contradicting() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @WithDeployment(name = "web", image = "nginx:1.27", port = 80)
    @ExposeService(deployment = "web")
    static class NestedMethodMisuseTestCase {
        @Nested
        class InnerTestCase {
            @ParameterizedTest
            @ValueSource(ints = 1)
            @WithManifest({})
            void empty(int value) {
            }
        }
    }

    private static void assertFailsBeforeTheCluster(MockCluster cluster, Class<?> testCase, String message) {
        long start = System.nanoTime();
        EngineExecutionResults results = cluster.run(testCase);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to the verdict").isLessThan(Duration.ofSeconds(10));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertStatistics(stats -> stats.failed(1));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(testCase),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(message))));
        assertThat(MockClusterProvider.starts()).as("cluster starts").isZero();
        assertThat(cluster.namespaces()).isEmpty();
        assertThat(cluster.writes()).isEmpty();
    }

    @Test
    @DisplayName("bad input: a template method's check contradicting the class's fails the class before the cluster")
    void methodContradictionFailsTheClassBeforeAnyClusterCall(MockCluster cluster) {
        assertFailsBeforeTheCluster(cluster, MethodContradictionTestCase.class, "@NotReachableFrom(service=\"web\") on"
                + " MisuseLifecycleTest.MethodContradictionTestCase.contradicting(): contradicts"
                + " @ReachableFrom(service=\"web\") on MisuseLifecycleTest.MethodContradictionTestCase: both probe"
                + " service 'web' port 80 from probe, one via CLUSTER_IP expecting it reachable and one via DNS"
                + " expecting it not reachable (every way of addressing a service reaches the same pods on the same"
                + " port); remove one of them or change its client, service or port");
    }

    @Test
    @DisplayName("bad input: @WithManifest({}) on a @Nested class's method fails the top class before the cluster")
    void nestedMethodMisuseFailsTheClassBeforeAnyClusterCall(MockCluster cluster) {
        assertFailsBeforeTheCluster(cluster, NestedMethodMisuseTestCase.class, "@WithManifest() on"
                + " MisuseLifecycleTest.NestedMethodMisuseTestCase.InnerTestCase.empty(): value={} names no manifest;"
                + " give at least one classpath resource or file path, or remove the annotation");
    }

    @EngineTestKitOnly
    @K8sNetTest(namespaceLabels = {"ns=x", "k8s-net-test.io/run-id=mine"})
    static class ReservedNamespaceLabelTestCase {
        @Test
        void test() {
        }
    }

    @Test
    @DisplayName("bad input: @K8sNetTest(namespaceLabels) with one of our labels fails the class before the cluster")
    void reservedNamespaceLabelFailsTheClassBeforeAnyClusterCall(MockCluster cluster) {
        assertFailsBeforeTheCluster(cluster, ReservedNamespaceLabelTestCase.class, "@K8sNetTest(namespaceLabels=\"ns=x,"
                + "k8s-net-test.io/run-id=mine\") on MisuseLifecycleTest.ReservedNamespaceLabelTestCase: label"
                + " 'k8s-net-test.io/run-id' belongs to k8s-net-test (it marks the namespace as ours, for clean-up) and"
                + " cannot be set; use a label of your own, e.g. ns=x (a policy can select the test namespace by"
                + " kubernetes.io/metadata.name: ${k8snet.namespace} as it is)");
    }

    @EngineTestKitOnly
    @K8sNetTest
    static class NestedNamespaceLabelTestCase {
        @Nested
        @K8sNetTest(namespaceLabels = "ns=x")
        class InnerTestCase {
            @Test
            void test() {
            }
        }
    }

    @Test
    @DisplayName("bad input: @K8sNetTest(namespaceLabels) on a @Nested class fails the top class before the cluster")
    void nestedNamespaceLabelsFailTheClassBeforeAnyClusterCall(MockCluster cluster) {
        assertFailsBeforeTheCluster(cluster, NestedNamespaceLabelTestCase.class, "@K8sNetTest(namespaceLabels=\"ns=x\") on"
                + " MisuseLifecycleTest.NestedNamespaceLabelTestCase.InnerTestCase: a @Nested class shares the namespace"
                + " of its enclosing class, so it cannot label it; declare namespaceLabels on the top-level test class, or"
                + " call NetTest.setNamespaceLabels(...) in the test");
    }

    @EngineTestKitOnly
    @K8sNetTest(namespaceLabels = "ns")
    static class MalformedNamespaceLabelTestCase {
        @Test
        void test() {
        }
    }

    @Test
    @DisplayName("bad input: @K8sNetTest(namespaceLabels) not key=value fails the class before the cluster")
    void malformedNamespaceLabelFailsTheClassBeforeAnyClusterCall(MockCluster cluster) {
        assertFailsBeforeTheCluster(cluster, MalformedNamespaceLabelTestCase.class, "@K8sNetTest(namespaceLabels=\"ns\") on"
                + " MisuseLifecycleTest.MalformedNamespaceLabelTestCase: namespaceLabels=\"ns\" is not key=value; write"
                + " e.g. \"run=my-nginx\"");
    }
}
