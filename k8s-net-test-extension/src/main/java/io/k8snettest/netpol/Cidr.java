package io.k8snettest.netpol;

import io.k8snettest.plan.Misuse;
import java.math.BigInteger;

/**
 * A CIDR block ({@code 10.0.0.0/8}, {@code fd00::/64}). Host bits after the prefix are ignored, as
 * Go's {@code net.ParseCIDR} (which the API server uses) ignores them. An address of the other family
 * is never inside.
 *
 * @param base the block's first address (host bits cleared)
 * @param prefix the prefix length
 * @param text the block as written
 */
record Cidr(IpAddress base, int prefix, String text) {

    /**
     * Parses {@code address/prefix}.
     *
     * @throws IllegalArgumentException naming the origin when the text is no CIDR
     */
    static Cidr parse(String text, String origin) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw Misuse.argument(origin, "\"" + text + "\" is not a CIDR",
                    "write address/prefix, e.g. 10.0.0.0/8 or fd00::/64 (a single IP is 10.0.0.1/32)");
        }
        IpAddress address = IpAddress.parse(text.substring(0, slash), origin);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > address.width() || !text.substring(slash + 1).matches("\\d+")) {
            throw Misuse.argument(origin, "\"" + text + "\" has no valid prefix length",
                    "use 0 to " + address.width() + " for an " + address.family() + " address");
        }
        return new Cidr(new IpAddress(address.bits().and(mask(prefix, address.width())), address.width()), prefix, text);
    }

    private static BigInteger mask(int prefix, int width) {
        BigInteger all = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
        BigInteger host = BigInteger.ONE.shiftLeft(width - prefix).subtract(BigInteger.ONE);
        return all.xor(host);
    }

    /** Whether the address is of this block's family and inside it. */
    boolean contains(IpAddress address) {
        return address.width() == base.width()
                && address.bits().and(mask(prefix, base.width())).equals(base.bits());
    }

    /** Whether the other block lies wholly inside this one. */
    boolean covers(Cidr other) {
        return other.prefix >= prefix && contains(other.base);
    }

    @Override
    public String toString() {
        return text;
    }
}
