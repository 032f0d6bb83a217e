package io.k8snettest.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pure: reading the kubectl scripts' timing lines (no cluster). */
class BaselineOutputTest {

    @Test
    void collectsTheSamplesPerPhaseInOrderAndIgnoresOtherLines() {
        var samples = BaselineOutput.parse(List.of("phase namespace-ready 812", "deployment.apps/my-nginx created",
                "  phase single-probe 140  ", "phase namespace-ready 790", "", "phases are done"));
        assertThat(samples).containsOnlyKeys("namespace-ready", "single-probe");
        assertThat(samples.get("namespace-ready")).containsExactly(812L, 790L);
        assertThat(samples.get("single-probe")).containsExactly(140L);
    }

    @Test
    @DisplayName("bad input: a malformed timing line fails naming the line")
    void malformed() {
        for (String bad : List.of("phase single-probe", "phase single-probe 1.5", "phase single-probe -3", "phase a b 3")) {
            assertThatThrownBy(() -> BaselineOutput.parse(List.of(bad))).as(bad)
                    .hasMessageContaining("\"" + bad + "\"").hasMessageContaining("phase <name> <millis>");
        }
    }
}
