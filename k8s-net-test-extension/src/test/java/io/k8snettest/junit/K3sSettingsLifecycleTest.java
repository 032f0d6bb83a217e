package io.k8snettest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.k8snettest.api.K8sNetTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Like every setting, the k3s settings are checked before the run, whatever cluster it uses. */
@ExtendWith(MockCluster.Extension.class)
class K3sSettingsLifecycleTest {

    @EngineTestKitOnly
    @K8sNetTest
    static class AnyTestCase {
        @Test
        void test() {
        }
    }

    @Test
    @DisplayName("bad input: a wrong k3s setting fails the run before any cluster is asked, also in another cluster mode")
    void wrongK3sSettingFailsBeforeTheCluster(MockCluster cluster) {
        long start = System.nanoTime();

        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.K3S_SERVER_ARGS_KEY, "disable-network-policy"),
                AnyTestCase.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(AnyTestCase.class),
                finishedWithFailure(message(m -> m.contains("configuration parameter 'k8snet.k3s.server-args' has"
                        + " 'disable-network-policy', which is no option; write options of 'k3s server' separated by"
                        + " spaces")))));
        assertThat(MockClusterProvider.starts()).isZero();
        assertThat(cluster.namespaces()).noneMatch(ns -> ns.startsWith("k8snet-"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("bad input: a wrong k8snet.k3s.agents fails the run before any cluster is asked")
    void wrongAgentCountFailsBeforeTheCluster(MockCluster cluster) {
        long start = System.nanoTime();

        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.K3S_AGENTS_KEY, "-1"), AnyTestCase.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(AnyTestCase.class),
                finishedWithFailure(message(m -> m.contains("configuration parameter 'k8snet.k3s.agents' is '-1'; allowed:"
                        + " 0 to 4")))));
        assertThat(MockClusterProvider.starts()).isZero();
        assertThat(cluster.namespaces()).noneMatch(ns -> ns.startsWith("k8snet-"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
