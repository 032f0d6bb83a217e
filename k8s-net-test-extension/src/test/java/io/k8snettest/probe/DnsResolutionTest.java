package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.k8snettest.api.DnsResolution;
import io.k8snettest.api.ProbeResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link io.k8snettest.api.ProbeClient#resolve}: what it rejects, and how its result explains itself. */
@EnableKubernetesMockClient(crud = true)
class DnsResolutionTest {

    KubernetesClient client;

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "web .ns.svc", "-type=mx"})
    @DisplayName("bad input: ProbeClient.resolve of something that is no DNS name fails at once, before any exec")
    void rejectsWhatIsNoName(String name) {
        DefaultProbeClient probe = new DefaultProbeClient(new PodExec(client), "ns", "probe", "probe", () -> "10.42.0.2",
                () -> "", () -> { });
        long start = System.nanoTime();

        assertThatThrownBy(() -> probe.resolve(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ProbeClient.resolve: '" + name + "' is not a DNS name")
                .hasMessageContaining("<service>.<namespace>.svc.cluster.local");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aResultSaysWhatResolvedOrShowsTheLookupThatDidNot() {
        ProbeResult ok = new ProbeResult("ns/probe", "dns:web.ns.svc.cluster.local", List.of("nslookup", "web"), 0, "out", "", -1,
                true, Duration.ofMillis(40));
        ProbeResult none = new ProbeResult("ns/probe", "dns:nope", List.of("nslookup", "nope"), 1,
                "** server can't find nope: NXDOMAIN", "", -1, false, Duration.ofMillis(40));

        assertThat(new DnsResolution("web.ns.svc.cluster.local", List.of("10.42.0.5", "10.42.0.6"), ok))
                .hasToString("web.ns.svc.cluster.local resolved from ns/probe to [10.42.0.5, 10.42.0.6] in 40 ms")
                .matches(DnsResolution::resolved);
        assertThat(new DnsResolution("nope", List.of(), none).toString())
                .startsWith("nope did not resolve from ns/probe to any address; probe failed")
                .contains("command: nslookup nope").contains("NXDOMAIN");
    }
}
