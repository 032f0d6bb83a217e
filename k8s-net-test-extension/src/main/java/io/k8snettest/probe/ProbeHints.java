package io.k8snettest.probe;

import io.k8snettest.api.ProbeResult;
import java.util.Locale;
import java.util.Optional;

/**
 * What a failed probe's output most likely means, and what to check; added to the message of a
 * positive check that never succeeded. Pure: reads only the result.
 */
final class ProbeHints {

    private ProbeHints() {
    }

    /**
     * The one reading of a refusal: the connect reached the target's network namespace and nothing
     * listened; the tool ran and reported it.
     */
    static boolean refused(ProbeResult r) {
        return r != null && !r.success() && r.exitCode() >= 0 && r.stderr() != null
                && r.stderr().toLowerCase(Locale.ROOT).contains("refused");
    }

    /** Whether a probe target ({@code http://host:port/path}, {@code host:port}) names its host by DNS name, not by IP. */
    static boolean targetIsName(String target) {
        if (target == null) {
            return false;
        }
        String rest = target.replaceFirst("^[a-z]+://", "");
        if (rest.startsWith("[") || rest.startsWith("dns:")) {
            return false; // an IPv6 literal; a lookup's own target
        }
        String host = rest.split("[:/]", 2)[0];
        return !host.isEmpty() && !host.matches("[0-9.]+");
    }

    static Optional<String> forFailure(ProbeResult r) {
        if (r == null || r.success()) {
            return Optional.empty();
        }
        String err = (r.stderr() == null ? "" : r.stderr()).toLowerCase(Locale.ROOT);
        if (refused(r)) {
            return Optional.of("the connection was refused: nothing listens on that port behind the address. Check that the"
                    + " service's targetPort (@ExposeService targetPort) is the port the container really listens on,"
                    + " and that the service's port is the one probed");
        }
        String out = (r.stdout() == null ? "" : r.stdout()).toLowerCase(Locale.ROOT);
        if (out.contains("no servers could be reached") || err.contains("no servers could be reached")) {
            return Optional.of("DNS is not answering: no DNS server replied to the lookup before its timeout. Check cluster"
                    + " DNS (kube-system/kube-dns: its pods and ready endpoints, see the diagnostics) and egress policies"
                    + " that may block UDP and TCP port 53");
        }
        boolean lookup = r.target() != null && r.target().startsWith("dns:");
        if (lookup && (r.exitCode() == 124 || r.exitCode() == 143) && out.isBlank() && err.isBlank()) {
            return Optional.of("DNS is not answering: the lookup got no answer at all before its timeout (not even"
                    + " \"no such name\"). Check cluster DNS (kube-system/kube-dns: its pods and ready endpoints, see the"
                    + " diagnostics) and egress policies that may block UDP and TCP port 53");
        }
        if (err.contains("bad address") || err.contains("can't resolve") || err.contains("unknown host")
                || out.contains("nxdomain") || out.contains("can't find")) { // the last two: nslookup's answer
            return Optional.of("the name did not resolve: check the service name and namespace, and that cluster DNS"
                    + " (kube-dns) runs and is allowed by egress policies");
        }
        if (err.contains("no route to host") || err.contains("network is unreachable")) {
            return Optional.of("no route to the address: it is not served by any pod or service proxy rule (yet)");
        }
        if (r.httpStatus() >= 0) {
            return Optional.of("the server answered HTTP " + r.httpStatus() + ": check the expected status, the path and"
                    + " the expected body text");
        }
        if (r.exitCode() == 124 || r.exitCode() == 143 || err.contains("timed out")) {
            return Optional.of("no answer before the probe's timeout: a NetworkPolicy may drop the traffic, or the"
                    + " backend accepts but never answers" + (targetIsName(r.target())
                    ? "; the target is a DNS name: if DNS is not answering, the lookup alone uses up the timeout"
                    + " (check kube-system/kube-dns in the diagnostics)" : ""));
        }
        return Optional.empty();
    }
}
