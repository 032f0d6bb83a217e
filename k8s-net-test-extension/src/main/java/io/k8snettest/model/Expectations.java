package io.k8snettest.model;

import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.TransportProtocol;
import io.k8snettest.plan.Misuse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The expected reachability of a model's cells, built from ordered allow/deny rules over peers
 * ({@code x/a}, {@code x/*}, {@code x}, <code>&#42;/a</code>, {@code *}, a target optionally with
 * {@code :80} or {@code :80/udp}). Rows are the pods ({@code x/a}, namespace-major); columns are
 * (port, protocol) groups of all pods, in the spec's order. Pure.
 */
final class Expectations {

    /** A column before its pod IP is known. */
    record Column(String pod, int port, TransportProtocol protocol) {
    }

    private final ModelSpec spec;
    private final List<String> pods = new ArrayList<>();
    private final List<Column> columns = new ArrayList<>();
    private final boolean[][] expected;

    Expectations(ModelSpec spec) {
        this.spec = spec;
        for (String ns : spec.namespaces()) {
            for (String pod : spec.pods()) {
                pods.add(ns + "/" + pod);
            }
        }
        for (int port : spec.ports()) {
            for (TransportProtocol protocol : spec.protocols()) {
                pods.forEach(pod -> columns.add(new Column(pod, port, protocol)));
            }
        }
        expected = new boolean[pods.size()][columns.size()];
        set(true);
    }

    List<String> pods() {
        return pods;
    }

    List<Column> columns() {
        return columns;
    }

    boolean[][] expected() {
        boolean[][] copy = new boolean[expected.length][];
        for (int i = 0; i < expected.length; i++) {
            copy[i] = expected[i].clone();
        }
        return copy;
    }

    void set(boolean allowed) {
        for (boolean[] row : expected) {
            java.util.Arrays.fill(row, allowed);
        }
    }

    /** Sets the cells from {@code from} to {@code to}; an unknown name fails, naming the call and what the model has. */
    void set(boolean allowed, String from, String to) {
        String call = "PolicyModel.expect()." + (allowed ? "allow" : "deny") + "(" + Misuse.render(from) + ", "
                + Misuse.render(to) + ")";
        Peer source = peer(call, "from", from, false);
        Peer target = peer(call, "to", to, true);
        for (int s = 0; s < pods.size(); s++) {
            if (!source.matches(pods.get(s))) {
                continue;
            }
            for (int c = 0; c < columns.size(); c++) {
                if (target.matches(columns.get(c))) {
                    expected[s][c] = allowed;
                }
            }
        }
    }

    private record Peer(String namespace, String pod, Integer port, TransportProtocol protocol) {

        boolean matches(String qualified) {
            String[] parts = qualified.split("/");
            return ("*".equals(namespace) || namespace.equals(parts[0])) && ("*".equals(pod) || pod.equals(parts[1]));
        }

        boolean matches(Column column) {
            return matches(column.pod()) && (port == null || port == column.port())
                    && (protocol == null || protocol == column.protocol());
        }
    }

    private Peer peer(String call, String role, String text, boolean target) {
        if (text == null || text.isBlank()) {
            throw Misuse.argument(call, role + " is empty", "name a peer: \"x/a\", \"x/*\", \"x\", \"*/a\" or \"*\"");
        }
        String peer = text.strip();
        Integer port = null;
        TransportProtocol protocol = null;
        int colon = peer.indexOf(':');
        if (colon >= 0) {
            if (!target) {
                throw Misuse.argument(call, "from " + Misuse.render(text) + " names a port", "ports belong to the target"
                        + " (\"x/a:80\"); the source is a pod, a namespace or \"*\"");
            }
            String[] portAndProtocol = peer.substring(colon + 1).split("/", 2);
            port = port(call, portAndProtocol[0]);
            protocol = portAndProtocol.length > 1 ? protocol(call, portAndProtocol[1]) : null;
            peer = peer.substring(0, colon);
        }
        String[] parts = peer.split("/", -1);
        if (parts.length > 2) {
            throw Misuse.argument(call, role + " " + Misuse.render(text) + " is not a peer", "write \"x/a\", \"x/*\", \"x\","
                    + " \"*/a\" or \"*\"");
        }
        String namespace = parts[0];
        String pod = parts.length == 2 ? parts[1] : "*";
        known(call, "namespace", namespace, spec.namespaces());
        known(call, "pod", pod, spec.pods());
        return new Peer(namespace, pod, port, protocol);
    }

    private Integer port(String call, String text) {
        try {
            int port = Integer.parseInt(text);
            known(call, "port", String.valueOf(port), spec.ports().stream().map(String::valueOf).toList());
            return port;
        } catch (NumberFormatException e) {
            throw Misuse.argument(call, "port " + Misuse.render(text) + " is not a number", "write \"x/a:80\" or \"x/a:80/udp\"");
        }
    }

    private TransportProtocol protocol(String call, String text) {
        for (TransportProtocol p : spec.protocols()) {
            if (p.lower().equals(text.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw Misuse.argument(call, "protocol " + Misuse.render(text) + " is not served by the model",
                "model protocols: " + spec.protocols().stream().map(TransportProtocol::lower).toList());
    }

    private static void known(String call, String what, String name, List<String> known) {
        if (!"*".equals(name) && !known.contains(name)) {
            throw Misuse.argument(call, "unknown " + what + " " + Misuse.render(name), "model " + what + "s: " + known);
        }
    }
}
