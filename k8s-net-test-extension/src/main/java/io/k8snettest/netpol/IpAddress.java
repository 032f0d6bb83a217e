package io.k8snettest.netpol;

import io.k8snettest.plan.Misuse;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address parsed from a literal without any name lookup: IPv4 only as four decimal
 * octets, IPv6 as the usual hex groups (with {@code ::} and an embedded IPv4 tail). An IPv4-mapped
 * IPv6 literal stays IPv6, as in Go's {@code net.ParseCIDR} families.
 *
 * @param bits the address as an unsigned number
 * @param width 32 (IPv4) or 128 (IPv6)
 */
record IpAddress(BigInteger bits, int width) {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    /**
     * Parses a literal.
     *
     * @param text the literal
     * @param origin what it belongs to, for the error message
     * @throws IllegalArgumentException when the text is no IP literal
     */
    static IpAddress parse(String text, String origin) {
        if (text != null && IPV4.matcher(text).matches()) {
            BigInteger value = BigInteger.ZERO;
            for (String octet : text.split("\\.")) {
                value = value.shiftLeft(8).add(BigInteger.valueOf(Integer.parseInt(octet)));
            }
            return new IpAddress(value, 32);
        }
        if (text != null && text.contains(":") && IPV6_CHARS.matcher(text).matches()) {
            try {
                // a literal with ':' is parsed, never looked up
                byte[] raw = InetAddress.getByName(text).getAddress();
                return new IpAddress(new BigInteger(1, raw), 128).mappedIfNeeded(raw);
            } catch (UnknownHostException | IllegalArgumentException e) {
                // fall through to the error below
            }
        }
        throw Misuse.argument(origin, "\"" + text + "\" is not an IP address",
                "write an IPv4 (10.0.0.1) or IPv6 (fd00::1) literal; names are not resolved");
    }

    private IpAddress mappedIfNeeded(byte[] raw) {
        if (raw.length == 4) { // Java folds ::ffff:a.b.c.d into IPv4; keep the IPv6 family
            return new IpAddress(bits.or(BigInteger.valueOf(0xffffL).shiftLeft(32)), 128);
        }
        return this;
    }

    /** IPv4 or IPv6, for messages. */
    String family() {
        return width == 32 ? "IPv4" : "IPv6";
    }
}
