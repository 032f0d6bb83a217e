package io.k8snettest.healing;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ServiceHandle.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Healing is judged per service port, on the same endpoint model as every check. */
class EndpointHealerTest {

    private static Endpoint e(String ip, String portName, int servicePort, int podPort) {
        return new Endpoint(ip, podPort, "pod-" + ip, "node", portName, servicePort);
    }

    @Test
    void endpointsAreGroupedPerServicePortWithoutDuplicates() {
        Map<String, Set<String>> byPort = EndpointHealer.byPort(List.of(e("10.0.0.1", "http", 80, 8080),
                e("10.0.0.1", "metrics", 9090, 8080), e("10.0.0.2", "http", 80, 8080)));

        assertThat(byPort).containsOnlyKeys("80 (http)", "9090 (metrics)");
        assertThat(byPort.get("80 (http)")).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(byPort.get("9090 (metrics)")).containsExactly("10.0.0.1");
    }

    @Test
    void healedOnlyWhenEveryServicePortHasItsCountBackWithoutADeletedIp() {
        Map<String, Set<String>> before = Map.of("80", Set.of("a", "b"), "81", Set.of("a", "b"));

        assertThat(EndpointHealer.healed(before, Map.of("80", Set.of("b", "c"), "81", Set.of("b", "c")), Set.of("a"))).isTrue();
        assertThat(EndpointHealer.healed(before, Map.of("80", Set.of("b", "c"), "81", Set.of("b")), Set.of("a"))).isFalse();
        assertThat(EndpointHealer.healed(before, Map.of("80", Set.of("b", "c"), "81", Set.of("a", "b")), Set.of("a"))).isFalse();
        assertThat(EndpointHealer.healed(before, Map.of("80", Set.of("b", "c")), Set.of("a"))).isFalse();
    }
}
