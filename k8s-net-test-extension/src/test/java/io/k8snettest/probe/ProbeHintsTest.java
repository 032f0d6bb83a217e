package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ProbeResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeHintsTest {

    private static ProbeResult failed(int exit, String stderr, int status) {
        return new ProbeResult("ns/probe", "http://10.96.0.5:8080/", List.of("wget"), exit, "", stderr, status, false,
                Duration.ofMillis(100));
    }

    @Test
    void aRefusedConnectionPointsAtTheTargetPort() {
        assertThat(ProbeHints.forFailure(failed(1, "wgeR: can't connect to remote host (10.96.0.5): Connection refused", -1)))
                .hasValueSatisfying(h -> assertThat(h).startsWith("the connection was refused").contains("targetPort"));
    }

    @Test
    void anUnresolvedNamePointsAtDns() {
        assertThat(ProbeHints.forFailure(failed(1, "wget: bad address 'web.ns.svc.cluster.local'", -1)))
                .hasValueSatisfying(h -> assertThat(h).contains("did not resolve").contains("kube-dns"));
    }

    @Test
    void aNameThatNslookupCannotFindPointsAtDns() {
        ProbeResult lookup = new ProbeResult("ns/probe", "dns:hl.ns.svc.cluster.local", List.of("nslookup"), 1,
                "Server:\t\t10.96.0.10\n\n** server can't find hl.ns.svc.cluster.local: NXDOMAIN\n", "", -1, false,
                Duration.ofMillis(30));

        assertThat(ProbeHints.forFailure(lookup)).hasValueSatisfying(h -> assertThat(h).contains("did not resolve"));
    }

    @Test
    void aTimeoutPointsAtPoliciesAndAWrongStatusAtTheExpectation() {
        assertThat(ProbeHints.forFailure(failed(143, "", -1))).hasValueSatisfying(h -> assertThat(h).contains("NetworkPolicy"));
        assertThat(ProbeHints.forFailure(failed(1, "  HTTP/1.1 404 Not Found", 404)))
                .hasValueSatisfying(h -> assertThat(h).contains("HTTP 404"));
    }

    @Test
    void aLookupNoServerAnsweredSaysDnsIsNotAnsweringNotThatTheNameIsWrong() {
        ProbeResult lookup = new ProbeResult("ns/probe", "dns:web.ns.svc.cluster.local", List.of("nslookup"), 1,
                ";; connection timed out; no servers could be reached\n\n", "", -1, false, Duration.ofMillis(3000));

        assertThat(ProbeHints.forFailure(lookup)).hasValueSatisfying(h -> assertThat(h)
                .startsWith("DNS is not answering").contains("kube-system/kube-dns").doesNotContain("did not resolve"));
    }

    @Test
    void aLookupKilledByItsTimeoutWithoutAnyAnswerSaysDnsIsNotAnswering() {
        ProbeResult lookup = new ProbeResult("ns/probe", "dns:web.ns.svc.cluster.local -> []", List.of("nslookup"), 143,
                "", "", -1, false, Duration.ofMillis(3100));

        assertThat(ProbeHints.forFailure(lookup)).hasValueSatisfying(h -> assertThat(h).startsWith("DNS is not answering"));
        ProbeResult nxdomain = new ProbeResult("ns/probe", "dns:nope.ns.svc.cluster.local", List.of("nslookup"), 1,
                "** server can't find nope.ns.svc.cluster.local: NXDOMAIN\n", "", -1, false, Duration.ofMillis(20));
        assertThat(ProbeHints.forFailure(nxdomain)).as("DNS answered: the name is wrong")
                .hasValueSatisfying(h -> assertThat(h).contains("did not resolve"));
    }

    @Test
    void aTimeoutToADnsNameAlsoPointsAtDnsButToAnIpDoesNot() {
        ProbeResult byName = new ProbeResult("ns/probe", "http://web.ns.svc.cluster.local:80/", List.of("wget"), 143, "", "",
                -1, false, Duration.ofMillis(3000));
        assertThat(ProbeHints.forFailure(byName)).hasValueSatisfying(h -> assertThat(h).contains("NetworkPolicy")
                .contains("the target is a DNS name"));
        assertThat(ProbeHints.forFailure(failed(143, "", -1))).hasValueSatisfying(h -> assertThat(h)
                .doesNotContain("DNS name"));
        assertThat(ProbeHints.targetIsName("web:80")).isTrue();
        assertThat(ProbeHints.targetIsName("10.96.0.5:80")).isFalse();
        assertThat(ProbeHints.targetIsName("http://[fd00::1]:80/")).isFalse();
        assertThat(ProbeHints.targetIsName("dns:web")).as("a lookup's own target").isFalse();
    }

    @Test
    void successesAndUnknownOutputGetNoHint() {
        assertThat(ProbeHints.forFailure(new ProbeResult("c", "t", List.of(), 0, "", "", 200, true, Duration.ZERO))).isEmpty();
        assertThat(ProbeHints.forFailure(failed(2, "something else", -1))).isEmpty();
        assertThat(ProbeHints.forFailure(null)).isEmpty();
    }
}
