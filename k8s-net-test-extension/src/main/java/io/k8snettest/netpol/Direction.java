package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import org.apiguardian.api.API;

/** The two directions a NetworkPolicy isolates. */
@API(status = INTERNAL, since = "0.1")
public enum Direction {
    INGRESS, EGRESS;

    /** {@code ingress} or {@code egress}, as the explanations say it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code policyTypes} value of this direction ({@code Ingress}, {@code Egress}). */
    public String policyType() {
        return this == INGRESS ? "Ingress" : "Egress";
    }
}
