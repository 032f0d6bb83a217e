package io.k8snettest.api;

import java.util.List;

/**
 * What a DNS name resolved to from a client pod (its A and AAAA records, as IP addresses), and the
 * lookup that said so. {@link #toString()} explains it: the name, the client, the addresses, and
 * for a lookup that found nothing the command and its output.
 *
 * @param name      the name that was looked up
 * @param addresses the IP addresses of its A and AAAA records, in the order the resolver gave them; empty when none
 * @param lookup    the lookup command ({@code nslookup}) as it ran in the client, with its output
 */
public record DnsResolution(String name, List<String> addresses, ProbeResult lookup) {

    public DnsResolution {
        addresses = List.copyOf(addresses);
    }

    /** Whether the name resolved to at least one address. */
    public boolean resolved() {
        return !addresses.isEmpty();
    }

    @Override
    public String toString() {
        return resolved()
                ? name + " resolved from " + lookup.client() + " to " + addresses + " in " + lookup.duration().toMillis() + " ms"
                : name + " did not resolve from " + lookup.client() + " to any address; " + lookup;
    }
}
