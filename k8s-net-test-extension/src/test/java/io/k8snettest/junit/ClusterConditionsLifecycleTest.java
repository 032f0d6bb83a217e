package io.k8snettest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.k8snettest.api.EnabledIfServerVersion;
import io.k8snettest.api.K8sNetTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code @EnabledIfServerVersion}: runs where the server is new enough, skips with the server's version otherwise. */
@ExtendWith(MockCluster.Extension.class)
class ClusterConditionsLifecycleTest {

    @EngineTestKitOnly
    @K8sNetTest
    @EnabledIfServerVersion(min = "1.20")
    static class OldEnoughTestCase {
        @Test
        void runs() {
        }

        @Test
        @EnabledIfServerVersion(min = "99.1")
        void needsAFutureKubernetes() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @EnabledIfServerVersion(min = "99.0")
    static class TooNewTestCase {
        @Test
        void neverRuns() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @EnabledIfServerVersion(min = "latest")
    static class BadVersionTestCase {
        @Test
        void neverRuns() {
        }
    }

    @Test
    void aClassOrMethodRunsOnlyWhereTheServerIsNewEnoughAndTheSkipNamesTheServersVersion(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(OldEnoughTestCase.class, TooNewTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0).skipped(1));
        results.containerEvents().assertStatistics(stats -> stats.failed(0).skipped(1));
        results.allEvents().assertThatEvents().haveExactly(1, event(container(TooNewTestCase.class), skippedWithReason(reason ->
                reason.startsWith("k8s-net-test: @EnabledIfServerVersion(min = \"99.0\"): the cluster runs Kubernetes "
                        + "1.34.1 (fabric8 mock server "))));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("needsAFutureKubernetes"),
                skippedWithReason(reason -> reason.startsWith("k8s-net-test: @EnabledIfServerVersion(min = \"99.1\")"))));
    }

    @Test
    @DisplayName("bad input: @EnabledIfServerVersion with no version fails the class, naming the annotation, value and format")
    void aBadVersionFailsTheClass() {
        long start = System.nanoTime();
        EngineExecutionResults results = EngineRuns.run(Map.of(K8sNetTest.CLUSTER_KEY, UnavailableClusterProvider.class.getName()),
                BadVersionTestCase.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(BadVersionTestCase.class),
                finishedWithFailure(cause(instanceOf(ExtensionConfigurationException.class)), message(m -> m.endsWith(
                        "@EnabledIfServerVersion(min = \"latest\") on " + BadVersionTestCase.class + ": 'latest' is no Kubernetes"
                                + " version; write major.minor or major.minor.patch, e.g. 1.30 or 1.30.2")))));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
