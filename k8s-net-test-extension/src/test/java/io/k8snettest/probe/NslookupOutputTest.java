package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Reading busybox {@code nslookup} output. The samples in {@code src/test/resources/nslookup/} were
 * captured from the probe image ({@code busybox:1.35.0}: BusyBox v1.35.0, Debian 1:1.35.0-4+deb12u1)
 * in a pod of the local cluster (cluster DNS 10.96.0.10), unedited.
 */
class NslookupOutputTest {

    private static String sample(String name) throws IOException {
        try (InputStream in = NslookupOutputTest.class.getResourceAsStream("/nslookup/" + name)) {
            assertThat(in).as("sample " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aHeadlessServiceResolvesToEveryReadyPodAndTheServerIsNotAnAnswer() throws IOException {
        assertThat(NslookupOutput.addresses(sample("headless-two-pods.txt"))).containsExactly("10.244.0.9", "10.244.0.10")
                .doesNotContain("10.96.0.10", "10.96.0.10:53");
    }

    @Test
    void aServiceWithAClusterIpResolvesToIt() throws IOException {
        assertThat(NslookupOutput.addresses(sample("cluster-ip.txt"))).containsExactly("10.96.204.191");
    }

    @Test
    void anUnknownNameResolvesToNothing() throws IOException {
        assertThat(NslookupOutput.addresses(sample("nxdomain.txt"))).isEmpty();
    }

    @Test
    void aShortNameTriedAgainstTheSearchDomainsGivesTheAnswersOfTheOneThatExists() throws IOException {
        // exit code 1 (the other search domains failed), yet the answer is there
        assertThat(NslookupOutput.addresses(sample("short-name-search-domains.txt"))).containsExactly("10.244.0.10", "10.244.0.9");
    }

    @Test
    void noOutputIsNoAddress() {
        assertThat(NslookupOutput.addresses("")).isEmpty();
        assertThat(NslookupOutput.addresses(null)).isEmpty();
    }
}
