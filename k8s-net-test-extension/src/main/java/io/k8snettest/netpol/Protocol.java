package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.plan.Misuse;
import java.util.Locale;
import org.apiguardian.api.API;

/** The protocols a NetworkPolicy port can name ({@code networking.k8s.io/v1}); TCP is the default. */
@API(status = INTERNAL, since = "0.1")
public enum Protocol {
    TCP, UDP, SCTP;

    /**
     * The protocol a policy port or a container port names; {@code null} means TCP, as the API
     * defaults it.
     *
     * @param value the field's value, e.g. {@code "UDP"}
     * @param origin the object and field it comes from, for the error message
     * @throws IllegalArgumentException for anything but TCP, UDP, SCTP (upper case, as the API requires)
     */
    public static Protocol of(String value, String origin) {
        if (value == null) {
            return TCP;
        }
        for (Protocol protocol : values()) {
            if (protocol.name().equals(value)) {
                return protocol;
            }
        }
        throw Misuse.argument(origin, "protocol \"" + value + "\" is not a protocol of networking.k8s.io/v1",
                "use TCP, UDP or SCTP" + (value.toUpperCase(Locale.ROOT).equals(value) ? "" : " (upper case)"));
    }
}
