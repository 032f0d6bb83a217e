package io.k8snettest.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pure: reading the output of {@link ClusterIpRoutingBenchmark#script} (no cluster). */
class ClusterIpRoutingTest {

    @Test
    void theSampleIsTheEarliestSuccessAfterTheScriptsStartOnThePodsClock() {
        assertThat(ClusterIpRoutingBenchmark.millisToRoute("53031.01 53032.09 97\n", "routed-0")).isEqualTo(1080);
        assertThat(ClusterIpRoutingBenchmark.millisToRoute("7.50 7.50 1", "routed-1")).as("routed at once").isZero();
    }

    @Test
    void theScriptStopsStartingAttemptsOnceOneSucceededAndWaitsForTheRest() {
        String script = ClusterIpRoutingBenchmark.script("10.96.0.7", 8080);

        assertThat(script).contains("nc -w 3 10.96.0.7 8080 -e true").contains("[ ! -s $r ]")
                .contains("-lt " + ClusterIpRoutingBenchmark.ATTEMPTS).contains("; wait;").contains("sort -n $r | head -n 1");
    }

    @Test
    @DisplayName("bad input: no connection succeeded: the error names the service and shows the output")
    void noConnection() {
        assertThatThrownBy(() -> ClusterIpRoutingBenchmark.millisToRoute("53031.01  400", "routed-2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no connection through the ClusterIP of routed-2 succeeded in 400 attempts")
                .hasMessageContaining("'53031.01  400'");
    }
}
