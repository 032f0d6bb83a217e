package io.k8snettest.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachabilityMatrix;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MatrixBuilderTest {

    private final AtomicReference<MatrixPlan> ran = new AtomicReference<>();
    private final MatrixBuilder builder = new MatrixBuilder(Duration.ofSeconds(10), plan -> {
        ran.set(plan);
        return new ReachabilityMatrix.Result(List.of(), List.of(), plan.expected(), plan.expected(), 0, Duration.ZERO, "");
    });

    @Test
    void unlistedCellsAreDeniedAllowAllToOpensAColumn() {
        builder.source(ClientSpec.named("frontend").build())
                .source(ClientSpec.named("stranger").inNamespace("other").build())
                .service("web", 80, ProbeProtocol.HTTP)
                .service("db", -1, ProbeProtocol.TCP)
                .service("dns-like", 53, ProbeProtocol.TCP)
                .allow("frontend", "web")
                .allowAllTo("dns-like")
                .stabilityWindow(Duration.ofSeconds(5))
                .assertMatches();

        MatrixPlan plan = ran.get();
        assertThat(plan.expected()).isDeepEqualTo(new boolean[][] {{true, false, true}, {false, false, true}});
        assertThat(plan.window()).isEqualTo(Duration.ofSeconds(5));
        assertThat(plan.targetNames()).containsExactly("web", "db", "dns-like");
        assertThat(plan.anyDenied()).isTrue();
        assertThat(plan.targets().get(1)).isEqualTo(new MatrixPlan.Target("db", -1, ProbeProtocol.TCP));
    }

    @Test
    void theWindowDefaultsToTheSetting() {
        builder.source(ClientSpec.named("a").build()).service("web", 80, ProbeProtocol.TCP).allowAllTo("web");

        assertThat(builder.plan().window()).isEqualTo(Duration.ofSeconds(10));
        assertThat(builder.plan().anyDenied()).isFalse();
    }

    @Test
    void misuseNamesWhatIsDeclared() {
        builder.source(ClientSpec.named("frontend").build()).service("web", 80, ProbeProtocol.TCP);

        builder.allow("frontnd", "web");
        assertThatThrownBy(builder::plan).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matrix allow(...): unknown source 'frontnd'; declared sources: [frontend]");
        assertThatThrownBy(() -> new MatrixBuilder(Duration.ofSeconds(1), p -> null).source(ClientSpec.named("a").build())
                .service("web", 80, ProbeProtocol.TCP).allowAllTo("wbe").assertMatches())
                .hasMessage("matrix allowAllTo(...): unknown target 'wbe'; declared targets: [web]");
        MatrixBuilder twice = new MatrixBuilder(Duration.ofSeconds(1), p -> null);
        twice.source(ClientSpec.named("a").build()).service("web", 80, ProbeProtocol.TCP).service("web", 8080, ProbeProtocol.TCP);
        assertThatThrownBy(twice::plan).hasMessageStartingWith("matrix: target 'web' is declared twice; ");
        assertThatThrownBy(() -> new MatrixBuilder(Duration.ofSeconds(1), p -> null).assertMatches())
                .hasMessage("matrix: a reachability matrix needs at least one source and one target, got 0 source(s) and 0 target(s);"
                        + " declare them with source(...) and service(...)");
        assertThatThrownBy(() -> builder.stabilityWindow(Duration.ZERO)).hasMessageStartingWith("matrix stabilityWindow(...): window=PT0S must be positive; pass e.g.");
    }
}
