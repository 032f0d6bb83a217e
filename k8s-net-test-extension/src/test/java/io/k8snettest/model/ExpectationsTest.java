package io.k8snettest.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.TransportProtocol;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

    private final Expectations standard = new Expectations(ModelSpec.standard());

    @Test
    void theStandardModelHas9SourcesAnd18ColumnsGroupedByPortAllAllowedAtFirst() {
        assertThat(standard.pods()).containsExactly("x/a", "x/b", "x/c", "y/a", "y/b", "y/c", "z/a", "z/b", "z/c");
        assertThat(standard.columns()).hasSize(18);
        assertThat(standard.columns().get(0)).isEqualTo(new Expectations.Column("x/a", 80, TransportProtocol.TCP));
        assertThat(standard.columns().get(9)).isEqualTo(new Expectations.Column("x/a", 81, TransportProtocol.TCP));
        assertThat(count(standard.expected(), false)).isZero();
    }

    @Test
    void peersSelectNamespacesPodsAndPortsAndLaterRulesOverrideEarlierOnes() {
        standard.set(false, "*", "x/a");        // upstream's ExpectAllIngress(x/a, false): 9 sources x 2 ports
        standard.set(true, "x/b", "x/a:81");    // x/b -> x/a on 81 only
        boolean[][] e = standard.expected();

        assertThat(count(e, false)).isEqualTo(9 * 2 - 1);
        assertThat(e[1][0]).as("x/b -> x/a:80").isFalse();
        assertThat(e[1][9]).as("x/b -> x/a:81").isTrue();
        assertThat(e[3][1]).as("y/a -> x/b:80 untouched").isTrue();
    }

    @Test
    void aNamespaceAloneAndWildcardPodsMeanEveryPodOfIt() {
        standard.set(false, "x", "*/c");   // egress of x's pods to every pod c
        boolean[][] e = standard.expected();

        assertThat(count(e, false)).isEqualTo(3 * 3 * 2);
        assertThat(e[0][2]).as("x/a -> x/c:80").isFalse();
        assertThat(e[2][17]).as("x/c -> z/c:81").isFalse();
        assertThat(e[3][2]).as("y/a -> x/c:80").isTrue();
    }

    @Test
    void aProtocolSuffixRestrictsToThatColumn() {
        Expectations udp = new Expectations(ModelSpec.standard().withProtocols(TransportProtocol.TCP, TransportProtocol.UDP));
        udp.set(false);
        udp.set(true, "y", "x/a:81/udp");

        assertThat(count(udp.expected(), true)).isEqualTo(3);
        assertThat(udp.columns()).hasSize(36);
    }

    @Test
    @DisplayName("bad input: an unknown namespace, pod, port or protocol names the call and what the model has")
    void unknownNamesAreRefused() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> standard.set(false, "q/a", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PolicyModel.expect().deny(\"q/a\", \"x\"): unknown namespace \"q\"; model namespaces: [x, y, z]");
        assertThatThrownBy(() -> standard.set(true, "x/a", "y/d"))
                .hasMessageContaining("unknown pod \"d\"; model pods: [a, b, c]");
        assertThatThrownBy(() -> standard.set(true, "x/a", "y/a:8080"))
                .hasMessageContaining("unknown port \"8080\"; model ports: [80, 81]");
        assertThatThrownBy(() -> standard.set(true, "x/a", "y/a:80/udp"))
                .hasMessageContaining("protocol \"udp\" is not served by the model; model protocols: [tcp]");
        assertThatThrownBy(() -> standard.set(true, "x/a:80", "y/a"))
                .hasMessageContaining("names a port; ports belong to the target");
        assertThatThrownBy(() -> standard.set(true, "x/a/b", "y/a"))
                .hasMessageContaining("is not a peer; write \"x/a\"");
        assertThatThrownBy(() -> standard.set(true, " ", "y/a"))
                .hasMessageContaining("from is empty");
        assertThat(System.nanoTime() - start).as("refused without waiting").isLessThan(1_000_000_000L);
    }

    @Test
    @DisplayName("bad input: a ModelSpec with repeats, no entries, names that are no labels or ports out of range")
    void badSpecsAreRefused() {
        assertThatThrownBy(() -> ModelSpec.standard().withPods("a", "a"))
                .hasMessage("ModelSpec: pods [a, a] must be non-empty and without repeats; give each at most once");
        assertThatThrownBy(() -> ModelSpec.standard().withNamespaces())
                .hasMessageContaining("namespaces [] must be non-empty");
        assertThatThrownBy(() -> ModelSpec.standard().withNamespaces("X"))
                .hasMessageContaining("name \"X\" is not a short DNS label");
        assertThatThrownBy(() -> ModelSpec.standard().withPorts(0))
                .hasMessage("ModelSpec: port 0 is out of range; use 1-65535");
        assertThat(ModelSpec.standard().withPorts(80).withPods("a", "b").withNamespaces("x", "y"))
                .isEqualTo(new ModelSpec(List.of("x", "y"), List.of("a", "b"), List.of(80), List.of(TransportProtocol.TCP)));
    }

    private static int count(boolean[][] cells, boolean value) {
        int n = 0;
        for (boolean[] row : cells) {
            for (boolean cell : row) {
                n += cell == value ? 1 : 0;
            }
        }
        return n;
    }
}
