package io.k8snettest.netpol;

import io.k8snettest.plan.Misuse;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address parsed from a literal by this class alone (no {@code InetAddress}, so never a
 * name lookup): IPv4 only as four decimal octets, IPv6 as eight hex groups with at most one {@code ::}
 * and an optional IPv4 tail. An IPv4-mapped IPv6 literal ({@code ::ffff:10.0.0.1}) counts as IPv6.
 *
 * @param bits the address as an unsigned number
 * @param width 32 (IPv4) or 128 (IPv6)
 */
record IpAddress(BigInteger bits, int width) {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    /**
     * Parses a literal.
     *
     * @param text the literal
     * @param origin what it belongs to, for the error message
     * @throws IllegalArgumentException when the text is no IP literal
     */
    static IpAddress parse(String text, String origin) {
        if (text != null && IPV4.matcher(text).matches()) {
            return new IpAddress(ipv4(text), 32);
        }
        BigInteger v6 = text != null && text.contains(":") ? ipv6(text) : null;
        if (v6 != null) {
            return new IpAddress(v6, 128);
        }
        throw Misuse.argument(origin, "\"" + text + "\" is not an IP address",
                "write an IPv4 (10.0.0.1) or IPv6 (fd00::1) literal; names are not resolved");
    }

    private static BigInteger ipv4(String text) {
        BigInteger value = BigInteger.ZERO;
        for (String octet : text.split("\\.")) {
            value = value.shiftLeft(8).add(BigInteger.valueOf(Integer.parseInt(octet)));
        }
        return value;
    }

    /** The address, or null when the text is malformed. */
    private static BigInteger ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap != text.lastIndexOf("::") || text.contains(":::")) {
            return null;
        }
        List<String> head = groups(gap < 0 ? text : text.substring(0, gap));
        List<String> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int missing = 8 - head.size() - tail.size();
        if (gap < 0 ? missing != 0 : missing < 1) {
            return null;
        }
        List<String> all = new ArrayList<>(head);
        all.addAll(Collections.nCopies(gap < 0 ? 0 : missing, "0"));
        all.addAll(tail);
        BigInteger value = BigInteger.ZERO;
        for (String group : all) {
            value = value.shiftLeft(16).add(BigInteger.valueOf(Integer.parseInt(group, 16)));
        }
        return value;
    }

    /** The hex groups of one side of {@code ::}, an IPv4 tail counting as two; null when one is malformed. */
    private static List<String> groups(String part) {
        List<String> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] pieces = part.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (i == pieces.length - 1 && IPV4.matcher(pieces[i]).matches()) {
                BigInteger v4 = ipv4(pieces[i]);
                groups.add(v4.shiftRight(16).toString(16));
                groups.add(v4.and(BigInteger.valueOf(0xffff)).toString(16));
            } else if (HEX_GROUP.matcher(pieces[i]).matches()) {
                groups.add(pieces[i]);
            } else {
                return null;
            }
        }
        return groups;
    }

    /** IPv4 or IPv6, for messages. */
    String family() {
        return width == 32 ? "IPv4" : "IPv6";
    }
}
