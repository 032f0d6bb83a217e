package io.k8snettest.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A truth table over the model's pods (from x to), with upstream's operations for writing the
 * expected one (ExpectPeer, ExpectAllIngress, ExpectAllEgress, Expect) and the engine's reasons for
 * a computed one. Compared as upstream compares: loopback cells (a pod to itself) are ignored.
 */
final class Truth {

    private final List<String> pods;
    private final Map<String, Boolean> cells = new LinkedHashMap<>();
    private final Map<String, String> reasons = new LinkedHashMap<>();

    Truth(List<PodInfo> pods) {
        this.pods = pods.stream().map(PodInfo::display).toList();
        for (String from : this.pods) {
            for (String to : this.pods) {
                cells.put(from + ">" + to, true);
            }
        }
    }

    void set(String from, String to, boolean connected, String reason) {
        cells.put(from + ">" + to, connected);
        reasons.put(from + ">" + to, reason);
    }

    /** upstream Expect(from, to, connected). */
    Truth expect(String from, String to, boolean connected) {
        cells.put(from + ">" + to, connected);
        return this;
    }

    /**
     * upstream ExpectPeer: every pod matching {@code from} to every pod matching {@code to}, where a
     * peer is {@code ""} (any), {@code "x"} (namespace) or {@code "x/a"} (pod).
     */
    Truth expectPeer(String from, String to, boolean connected) {
        for (String source : pods) {
            for (String target : pods) {
                if (matches(from, source) && matches(to, target)) {
                    expect(source, target, connected);
                }
            }
        }
        return this;
    }

    /** upstream ExpectAllIngress: every source to the pod. */
    Truth expectAllIngress(String pod, boolean connected) {
        return expectPeer("", pod, connected);
    }

    /** upstream ExpectAllEgress: the pod to every target. */
    Truth expectAllEgress(String pod, boolean connected) {
        return expectPeer(pod, "", connected);
    }

    private static boolean matches(String peer, String pod) {
        return peer.isEmpty() || peer.equals(pod) || pod.startsWith(peer + "/");
    }

    /** Asserts this computed table equals the expected one on every non-loopback cell. */
    void assertEquals(Truth expected) {
        List<String> wrong = new ArrayList<>();
        for (String key : cells.keySet()) {
            String[] ends = key.split(">");
            if (!ends[0].equals(ends[1]) && !cells.get(key).equals(expected.cells.get(key))) {
                wrong.add(ends[0] + " -> " + ends[1] + ": expected " + (expected.cells.get(key) ? "allowed" : "denied")
                        + ", engine: " + reasons.get(key));
            }
        }
        assertThat(wrong).as("cells where the engine disagrees with upstream's truth table\n%s", table()).isEmpty();
    }

    /** The table in upstream's layout (. allowed, X denied, - loopback). */
    String table() {
        StringBuilder out = new StringBuilder("      ");
        pods.forEach(p -> out.append(String.format("%-4s", p)));
        for (String from : pods) {
            out.append(String.format("%n%-6s", from));
            for (String to : pods) {
                out.append(String.format("%-4s", from.equals(to) ? "-" : cells.get(from + ">" + to) ? "." : "X"));
            }
        }
        return out.toString();
    }
}
