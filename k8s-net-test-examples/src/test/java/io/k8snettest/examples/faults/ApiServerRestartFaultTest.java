package io.k8snettest.examples.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ProbeResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The API server restarted in the middle of a test class: the extension's client recovers (the test
 * passes), or the test fails naming the lost connection; either way the class's namespace is deleted.
 */
@Isolated
@K8sNetTest
class ApiServerRestartFaultTest {

    @Test
    void aClassSurvivesAnApiServerRestartOrFailsNamingItAndIsCleanedUp(KubernetesClient client, TestReporter reporter) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(VictimTestCase.class))
                .configurationParameters(Map.of(Gate.KEY, "true", K8sNetTest.KEEP_NAMESPACE_KEY, "never")).execute();

        String namespace = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("k8snet.namespace"))
                .filter(Objects::nonNull).findFirst().orElseThrow(() -> new AssertionError("the victim reported no namespace; "
                        + results.allEvents().list()));
        List<Throwable> failures = results.allEvents().failed().stream()
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow())
                .toList();
        reporter.publishEntry("k8snet.fault.outcome", failures.isEmpty() ? "passed" : failures.toString());
        if (!failures.isEmpty()) {
            assertThat(failures).allSatisfy(f -> assertThat(text(f)).as("a failure across the restart names the connection")
                    .containsAnyOf("connect", "Connection", "API server", "timed out"));
        } else {
            assertThat(results.testEvents().succeeded().count()).as("the victim's test").isEqualTo(1);
        }
        assertThat(client.namespaces().withName(namespace).get()).as("the victim's namespace " + namespace
                + " after its class").isNull();
    }

    private static String text(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            s.append(c).append('\n');
        }
        return s.toString();
    }

    /** Restarts the API server between two uses of the cluster. Runs only inside the test above. */
    @ExtendWith(Gate.class)
    @K8sNetTest
    static class VictimTestCase {

        @Test
        void usesTheClusterAcrossAnApiServerRestart(NetTest net) {
            ProbeClient probe = net.client("probe");
            assertThat(probe.exec("sh", "-c", "exit 0").success()).as("exec before the restart").isTrue();

            LocalCluster.component("restart", "kube-apiserver");

            assertThat(net.kubernetesClient().namespaces().withName(net.namespace()).get()).as("namespace read after").isNotNull();
            ProbeResult after = probe.exec("sh", "-c", "exit 0");
            assertThat(after.success()).as("exec after the restart: %s", after).isTrue();
        }
    }

    static final class Gate implements ExecutionCondition {
        static final String KEY = "k8snet.examples.apiserver-fault";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY, Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("run by ApiServerRestartFaultTest")
                    : ConditionEvaluationResult.disabled("runs only inside ApiServerRestartFaultTest");
        }
    }
}
