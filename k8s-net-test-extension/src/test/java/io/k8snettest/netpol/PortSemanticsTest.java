package io.k8snettest.netpol;

import static io.k8snettest.netpol.Fixture.engine;
import static io.k8snettest.netpol.Fixture.pod;
import static io.k8snettest.netpol.Policies.policy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ports and protocols: each rule with the nearest mistake it is told apart from. */
class PortSemanticsTest {

    private final PodInfo client = pod("y/client", "app=client", "10.0.1.9");
    private final PodInfo web = pod("x/web", "app=web", "10.0.0.1", ContainerPort.tcp("http", 8080),
            new ContainerPort("dns", 53, Protocol.UDP));
    private final PodInfo legacy = pod("x/legacy", "app=web", "10.0.0.2", ContainerPort.tcp("http", 80));

    private PolicyEngine ports(String ports) {
        return engine(policy("x", "metadata: {name: ports}\nspec: {podSelector: {}, ingress: [{ports: %s}]}".formatted(ports)));
    }

    private static boolean allowed(PolicyEngine engine, PodInfo from, PodInfo to, int port, Protocol protocol) {
        return engine.explain(new Cell(from, to, port, protocol)).allowed();
    }

    @Test
    @DisplayName("a numbered port admits that port only; mistake: it admits the pod on every port")
    void numberedPort() {
        var engine = ports("[{port: 8080}]");
        assertThat(allowed(engine, client, web, 8080, Protocol.TCP)).isTrue();
        assertThat(allowed(engine, client, web, 8081, Protocol.TCP)).isFalse();
    }

    @Test
    @DisplayName("protocol defaults to TCP; mistake: a port without protocol admits every protocol")
    void protocolDefaultsToTcp() {
        var engine = ports("[{port: 53}]");
        assertThat(allowed(engine, client, web, 53, Protocol.TCP)).isTrue();
        assertThat(allowed(engine, client, web, 53, Protocol.UDP)).isFalse();
        assertThat(allowed(engine, client, web, 53, Protocol.SCTP)).isFalse();
    }

    @Test
    @DisplayName("a protocol without port admits every port of that protocol; mistake: no port means no port")
    void protocolWithoutPort() {
        var engine = ports("[{protocol: UDP}]");
        assertThat(allowed(engine, client, web, 53, Protocol.UDP)).isTrue();
        assertThat(allowed(engine, client, web, 5353, Protocol.UDP)).isTrue();
        assertThat(allowed(engine, client, web, 53, Protocol.TCP)).isFalse();
    }

    @Test
    @DisplayName("endPort makes an inclusive range; mistake: an exclusive end, or ignoring endPort")
    void endPortRange() {
        var engine = ports("[{port: 8000, endPort: 8080}]");
        assertThat(allowed(engine, client, web, 8000, Protocol.TCP)).isTrue();
        assertThat(allowed(engine, client, web, 8080, Protocol.TCP)).isTrue();
        assertThat(allowed(engine, client, web, 8040, Protocol.TCP)).isTrue();
        assertThat(allowed(engine, client, web, 7999, Protocol.TCP)).isFalse();
        assertThat(allowed(engine, client, web, 8081, Protocol.TCP)).isFalse();
    }

    @Test
    @DisplayName("a named port resolves per target pod; mistake: resolving it once (one number for all pods)")
    void namedPortPerPod() {
        var engine = ports("[{port: http}]");
        assertThat(allowed(engine, client, web, 8080, Protocol.TCP)).isTrue();
        assertThat(allowed(engine, client, legacy, 80, Protocol.TCP)).isTrue();
        assertThat(allowed(engine, client, web, 80, Protocol.TCP)).isFalse();
        assertThat(allowed(engine, client, legacy, 8080, Protocol.TCP)).isFalse();
    }

    @Test
    @DisplayName("a named port the target lacks admits nothing (no error); mistake: an unresolved name admits all ports")
    void unresolvedNamedPortDenies() {
        var engine = ports("[{port: metrics}]");
        Verdict verdict = engine.explain(Cell.tcp(client, web, 8080));
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).contains("x/web has no TCP container port named metrics");
    }

    @Test
    @DisplayName("a named port needs the container port's protocol; mistake: matching the name alone")
    void namedPortProtocol() {
        var tcpDns = ports("[{port: dns}]");
        var udpDns = ports("[{port: dns, protocol: UDP}]");
        assertThat(allowed(tcpDns, client, web, 53, Protocol.TCP)).isFalse();
        assertThat(allowed(tcpDns, client, web, 53, Protocol.UDP)).isFalse();
        assertThat(allowed(udpDns, client, web, 53, Protocol.UDP)).isTrue();
    }

    @Test
    @DisplayName("an egress named port resolves on the destination pod; mistake: resolving it on the source")
    void egressNamedPortOnDestination() {
        PodInfo source = pod("x/src", "app=src", "10.0.0.7", ContainerPort.tcp("http", 9999));
        var engine = engine(policy("x", "metadata: {name: out}\nspec: {podSelector: {matchLabels: {app: src}}, policyTypes: [Egress], egress: [{ports: [{port: http}]}]}"));
        assertThat(allowed(engine, source, web, 8080, Protocol.TCP)).isTrue();
        assertThat(allowed(engine, source, web, 9999, Protocol.TCP)).isFalse();
        assertThat(engine.explain(Cell.tcp(source, new ExternalIp("192.0.2.1"), 8080)).allowed())
                .as("a name cannot resolve on an address outside the model").isFalse();
    }

    @Test
    @DisplayName("ports and peers of one rule must both match; mistake: one admitting peer rule plus another rule's port")
    void portsAndPeersPerRule() {
        var engine = engine(policy("x", """
                metadata: {name: split}
                spec:
                  podSelector: {}
                  ingress:
                  - {from: [{namespaceSelector: {matchLabels: {team: green}}}], ports: [{port: 80}]}
                  - {from: [{podSelector: {}}], ports: [{port: 8080}]}
                """));
        assertThat(allowed(engine, client, web, 80, Protocol.TCP)).isTrue();
        assertThat(allowed(engine, client, web, 8080, Protocol.TCP)).isFalse();
    }
}
