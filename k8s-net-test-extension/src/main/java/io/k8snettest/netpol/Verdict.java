package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The engine's decision on one cell with its reason: allowed only when ingress at the target and
 * egress at the source both allow.
 *
 * @param cell the cell
 * @param ingress the target's side
 * @param egress the source's side
 */
@API(status = INTERNAL, since = "0.1")
public record Verdict(Cell cell, DirectionVerdict ingress, DirectionVerdict egress) {

    /** Whether the NetworkPolicy API allows the cell. */
    public boolean allowed() {
        return ingress.allowed() && egress.allowed();
    }

    /**
     * One line: {@code allowed: <ingress>; <egress>} or {@code denied: <the denying direction(s)>},
     * e.g. {@code denied: ingress to x/a:80/TCP from y/b: x/a is selected by x/allow-web and
     * x/deny-all; no ingress rule admits y/b (x/allow-web admits pods with role=web in namespaces with
     * ns=x on any port; x/deny-all admits nothing)}.
     */
    public String reason() {
        List<String> parts = new ArrayList<>();
        for (DirectionVerdict side : List.of(ingress, egress)) {
            if (allowed() || !side.allowed()) {
                parts.add(side.text());
            }
        }
        return (allowed() ? "allowed: " : "denied: ") + String.join(" | ", parts);
    }

    @Override
    public String toString() {
        return reason();
    }
}
