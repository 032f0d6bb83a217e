package io.k8snettest.probe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the addresses out of busybox {@code nslookup} output. Pure.
 *
 * <p>Both busybox implementations are understood: the resolver-based one prints
 * {@code Address 1: 10.42.0.7 web-0.web.ns.svc.cluster.local}, the one with its own DNS client
 * prints {@code Address: 10.42.0.7} (and {@code Address: fd00::7} for AAAA records) after a
 * {@code Name:} line. Both first print the server they asked ({@code Server:} and its
 * {@code Address} lines up to the first blank line), which is not an answer and is skipped.
 */
final class NslookupOutput {

    private static final Pattern ADDRESS = Pattern.compile("^Address(?:\\s+\\d+)?:\\s*(\\S+)");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f.]*");

    private NslookupOutput() {
    }

    /** The answer addresses, each once, in the order printed. */
    static List<String> addresses(String stdout) {
        Set<String> result = new LinkedHashSet<>();
        boolean serverBlock = false;
        for (String raw : (stdout == null ? "" : stdout).split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("Server:")) {
                serverBlock = true;
            } else if (line.isEmpty()) {
                serverBlock = false;
            } else if (!serverBlock) {
                Matcher m = ADDRESS.matcher(line);
                if (m.find() && isIp(m.group(1))) {
                    result.add(m.group(1));
                }
            }
        }
        return new ArrayList<>(result);
    }

    private static boolean isIp(String s) {
        return IPV4.matcher(s).matches() || IPV6.matcher(s).matches();
    }
}
