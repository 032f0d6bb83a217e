package io.k8snettest.matrix;

import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.TransportProtocol;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.ProbeCommands;
import io.k8snettest.probe.ProbeOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one {@code sh} script that probes all targets of one source per round, and how its output is
 * read. Every probe runs in the background, so a round takes as long as its slowest probe; each
 * prints one line {@code <target> OK|FAIL <exit>}. Pure.
 */
final class MatrixScript {

    private static final Pattern LINE = Pattern.compile("^(\\S+) (OK|FAIL) (-?\\d+)$");

    /** One target of a round: its label in the output and the single command that probes it. */
    record Probe(String label, String command, ProbeProtocol protocol) {
    }

    /** What one line said; {@code exitCode} -1 and outcome ERROR when the line is missing. */
    record Cell(ProbeOutcome outcome, int exitCode) {
    }

    private MatrixScript() {
    }

    /** The command for one target, as run inside the script and as pasted after {@code sh -c}. */
    static Probe probe(String label, String host, int port, ProbeProtocol protocol, String path, int timeoutSeconds) {
        String command = protocol == ProbeProtocol.TCP
                ? ProbeCommands.tcp(host, port, timeoutSeconds).get(2)
                : String.join(" ", ProbeCommands.http(host, port, path, timeoutSeconds));
        return new Probe(label, command, protocol);
    }

    /**
     * The script: TCP counts as reached when the connect succeeded (exit 0), HTTP when any status line
     * came back (a 404 or 500 still means the packets got through).
     */
    static String script(List<Probe> probes) {
        StringBuilder s = new StringBuilder();
        for (Probe p : probes) {
            String reached = p.protocol() == ProbeProtocol.TCP ? "[ $rc -eq 0 ]" : "case \"$out\" in *HTTP/*) true;; *) false;; esac";
            s.append("( out=$(").append(p.command()).append(" 2>&1); rc=$?; if ").append(reached)
                    .append("; then echo \"").append(p.label()).append(" OK $rc\"; else echo \"").append(p.label())
                    .append(" FAIL $rc\"; fi ) &\n");
        }
        return s.append("wait\n").toString();
    }

    /** The lines of the labels asked for; a label without its line is an ERROR cell. */
    static Map<String, Cell> parse(String stdout, List<String> labels) {
        Map<String, Cell> cells = new HashMap<>();
        for (String line : (stdout == null ? "" : stdout).split("\\R")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches() && labels.contains(m.group(1))) {
                int exitCode = Integer.parseInt(m.group(3));
                cells.put(m.group(1), new Cell(ProbeOutcome.of("OK".equals(m.group(2)), exitCode), exitCode));
            }
        }
        labels.forEach(label -> cells.putIfAbsent(label, new Cell(ProbeOutcome.ERROR, -1)));
        return cells;
    }

    /**
     * A connect from a policy model's pod: TCP with busybox {@code nc} (as a TCP probe; a fraction of
     * an agnhost start, which matters at 16 probes per pod and round), UDP and SCTP with agnhost
     * {@code connect}, as upstream's NetworkPolicy suite probes: exit 0 when the server answered (a
     * UDP datagram got its echo, an SCTP association completed), 1 otherwise. Reached on exit 0.
     */
    static Probe connect(String label, String host, int port, TransportProtocol protocol, int timeoutSeconds) {
        if (protocol == TransportProtocol.TCP) {
            return new Probe(label, ProbeCommands.tcp(host, port, timeoutSeconds).get(2), ProbeProtocol.TCP);
        }
        String address = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        return new Probe(label, "/agnhost connect " + address + " --timeout=" + timeoutSeconds + "s --protocol="
                + protocol.lower(), ProbeProtocol.TCP);
    }

    /** What reproduces one cell by hand. */
    static String reproduce(String namespace, String pod, Probe probe) {
        return reproduce(namespace, pod, null, probe);
    }

    /** What reproduces one cell by hand, from the source's own container. */
    static String reproduce(DefaultProbeClient source, Probe probe) {
        return reproduce(source.namespace(), source.name(), source.container(), probe);
    }

    private static String reproduce(String namespace, String pod, String container, Probe probe) {
        return "kubectl exec -n " + namespace + " " + pod + (container == null ? "" : " -c " + container) + " -- sh -c '"
                + probe.command().replace("'", "'\\''") + "'";
    }
}
