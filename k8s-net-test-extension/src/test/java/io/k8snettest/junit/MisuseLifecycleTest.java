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
import org.junit.jupiter.api.Test;
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
        EngineExecutionResults results = cluster.run(UnknownDeploymentTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertStatistics(stats -> stats.failed(1));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(UnknownDeploymentTestCase.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(
                        "@ExposeService(deployment=\"nginx\") on MisuseLifecycleTest.UnknownDeploymentTestCase:"
                                + " no deployment 'nginx' is declared; declared: [web] (from @WithDeployment or"
                                + " @WithManifest); fix the name or declare the deployment"))));
        assertThat(MockClusterProvider.starts()).as("cluster starts").isZero();
        assertThat(cluster.namespaces()).isEmpty();
        assertThat(cluster.writes()).isEmpty();
    }
}
