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
    void portsOfOneTargetAreColumnsNamedByPortAndPodsAddressesAndCompanionServicesAreTargets() {
        builder.source(ClientSpec.named("a").build()).source(ClientSpec.named("b").build())
                .service("web", 80, ProbeProtocol.HTTP)
                .service("web", 81, ProbeProtocol.TCP)
                .service("other", "db", 5432, ProbeProtocol.TCP)
                .pod("other/x-a", 80, ProbeProtocol.TCP)
                .address("node-local", "127.0.0.1", 9000, ProbeProtocol.TCP)
                .allow("a", "web")          // both columns of web
                .allow("b", "web:81")       // one column
                .allow("a", "other/x-a")
                .allowAllTo("node-local")
                .assertMatches();

        MatrixPlan plan = ran.get();
        assertThat(plan.targetNames()).containsExactly("web:80", "web:81", "other/db", "other/x-a", "node-local");
        assertThat(plan.expected()).isDeepEqualTo(new boolean[][] {{true, true, false, true, true}, {false, true, false, false, true}});
        assertThat(plan.targets().get(3)).isEqualTo(new MatrixPlan.Target(MatrixPlan.Kind.POD, "other", "x-a", null, 80,
                ProbeProtocol.TCP));
        assertThat(plan.targets().get(4).ip()).isEqualTo("127.0.0.1");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("bad input: a target on the same port twice, an address nobody may reach, a pod without a port")
    void badTargetsAreRefusedNamingTheFix() {
        assertThatThrownBy(() -> new MatrixBuilder(Duration.ofSeconds(1), p -> null).source(ClientSpec.named("a").build())
                .service("web", 80, ProbeProtocol.TCP).service("web", 80, ProbeProtocol.HTTP).allowAllTo("web").assertMatches())
                .hasMessageContaining("target 'web:80' is declared twice")
                .hasMessageContaining("one target on several ports is one column per port");
        assertThatThrownBy(() -> new MatrixBuilder(Duration.ofSeconds(1), p -> null).source(ClientSpec.named("a").build())
                .address("db", "127.0.0.1", 5432, ProbeProtocol.TCP).assertMatches())
                .hasMessageStartingWith("matrix address(\"db\", ...): no source may reach it")
                .hasMessageContaining("allow at least one source to reach it (that cell is its positive control)");
        assertThatThrownBy(() -> builder.pod("web-0", -1, ProbeProtocol.TCP))
                .hasMessage("matrix pod(\"web-0\", ...): port=-1 is not a port; give the port to probe, 1-65535");
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
        assertThat(twice.plan().targetNames()).as("two ports of one service are two columns (issue 10)")
                .containsExactly("web:80", "web:8080");
        assertThatThrownBy(() -> new MatrixBuilder(Duration.ofSeconds(1), p -> null).assertMatches())
                .hasMessage("matrix: a reachability matrix needs at least one source and one target, got 0 source(s) and 0 target(s);"
                        + " declare them with source(...) and service(...)");
        assertThatThrownBy(() -> builder.stabilityWindow(Duration.ZERO)).hasMessageStartingWith("matrix stabilityWindow(...): window=PT0S must be positive; pass e.g.");
    }
}
