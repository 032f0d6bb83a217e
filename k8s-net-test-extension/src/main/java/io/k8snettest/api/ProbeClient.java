package io.k8snettest.api;

import java.time.Duration;

/** A client pod that probes targets by {@code exec}; one pod per client, reused by every probe. */
public interface ProbeClient {

    /** The client's name (its pod name). */
    String name();

    /** The namespace the client pod runs in. */
    String namespace();

    /** The pod's IP. */
    String podIp();

    /** One HTTP GET to {@code http://host:port/path}, no retry. */
    ProbeResult http(String host, int port, String path);

    /** One TCP connect to {@code host:port}, no retry. */
    ProbeResult tcp(String host, int port);

    /**
     * Looks {@code dnsName} up from the client pod (busybox {@code nslookup}: its A and AAAA records),
     * once, no retry. For a headless service's name the addresses are its ready pods' IPs; for
     * other services, the ClusterIP. A name that does not resolve gives an empty result that says
     * why ({@link DnsResolution#toString()}), not an exception.
     *
     * @throws IllegalArgumentException when {@code dnsName} is blank, contains whitespace or starts with {@code -}
     */
    DnsResolution resolve(String dnsName);

    /**
     * Retries {@link #resolve} until {@code dnsName} resolves to exactly {@code expectedAddresses}
     * (in any order), bounded by {@code timeout}; the failure names the last answer.
     */
    DnsResolution awaitResolution(String dnsName, java.util.Collection<String> expectedAddresses, Duration timeout);

    /** Runs a command in the client's container. */
    ProbeResult exec(String... command);

    /** Retries {@link #http} until it returns {@code expectStatus} (and contains {@code expectBody} when not empty), bounded by {@code timeout}. */
    ProbeResult awaitHttp(String host, int port, String path, int expectStatus, String expectBody, Duration timeout);

    /** Retries {@link #tcp} until it connects, bounded by {@code timeout}. */
    ProbeResult awaitTcp(String host, int port, Duration timeout);

    /**
     * Retries {@link #tcp} until a connect fails, bounded by {@code timeout}: waits until a policy that
     * was just applied (or a rule just removed) shows in the data plane. Follow it with
     * {@link #assertTcpBlockedFor} to prove that it stays so. Like every negative check, first makes
     * sure (once per cluster) that the cluster enforces NetworkPolicy at all.
     */
    ProbeResult awaitTcpBlocked(String host, int port, Duration timeout);

    /**
     * Asserts that every TCP connect to {@code host:port} fails for the whole {@code window}; returns
     * the last result. A probe that could not run at all (its exec failed) proves nothing and fails it too. First makes sure (once per cluster) that the cluster enforces NetworkPolicy at
     * all, so that "blocked" cannot come from a cluster that blocks nothing.
     */
    ProbeResult assertTcpBlockedFor(String host, int port, Duration window);
}
