package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Names of test namespaces: {@code <prefix>-<class>-<suffix>}, a DNS-1123 label of at most 63
 * characters. The class part is shortened when needed; prefix and suffix never are, since the
 * prefix marks the namespace as ours and the suffix makes it unique. Also the names of their
 * companion namespaces ({@link #companion}).
 */
@API(status = INTERNAL, since = "0.1")
public final class NamespaceNames {

    static final int MAX_LENGTH = 63;
    static final int MIN_LOGICAL_LENGTH = 20;
    private static final int HASH_LENGTH = 6;

    private NamespaceNames() {
    }

    /** For a test class: its name without the package, nested classes joined by '-'. */
    public static String forTestClass(String prefix, Class<?> testClass, String randomSuffix) {
        String name = testClass.getName();
        String packageName = testClass.getPackageName();
        return forTestClass(prefix, packageName.isEmpty() ? name : name.substring(packageName.length() + 1),
                randomSuffix);
    }

    /**
     * {@code k8snet}, {@code ConnectingApplicationsTest}, {@code x7k2q} give
     * {@code k8snet-connectingapplicationstest-x7k2q}. Anything but letters and digits becomes '-'.
     *
     * @throws IllegalArgumentException when prefix and suffix alone do not fit or the result is not a DNS-1123 label
     */
    public static String forTestClass(String prefix, String className, String randomSuffix) {
        String head = sanitize(prefix);
        String tail = sanitize(randomSuffix);
        String fixed = join(head, tail);
        String middle = sanitize(className);
        int room = MAX_LENGTH - fixed.length() - 1;
        if (room < 1) {
            middle = "";
        } else if (middle.length() > room) {
            middle = trimDashes(middle.substring(0, room));
        }
        String name = join(join(head, middle), tail);
        if (!KubernetesNames.isDns1123Label(name)) {
            throw new IllegalArgumentException("cannot build a namespace name from prefix '" + prefix + "', class '"
                    + className + "' and suffix '" + randomSuffix + "': '" + name + "' is not a DNS-1123 label"
                    + " of at most 63 characters");
        }
        return name;
    }

    /**
     * The name of a companion namespace (a client's {@code clientNamespace}) of a session:
     * {@code <session-namespace>-<logical>} when that is a label of at most 63 characters. Otherwise it
     * is shortened deterministically to {@code <session start>-<session suffix>-<logical start>-<hash>}:
     * the session namespace keeps its start (prefix and class) and its random suffix, the logical name
     * at least its first {@value #MIN_LOGICAL_LENGTH} characters, and six characters of a hash of the
     * full name keep it unique per session and logical name.
     *
     * @param sessionNamespace the test namespace, as {@link #forTestClass} made it
     * @param logical          the logical namespace name (a DNS-1123 label)
     */
    public static String companion(String sessionNamespace, String logical) {
        String full = sessionNamespace + "-" + logical;
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        int available = MAX_LENGTH - HASH_LENGTH - 1; // for "<session part>-<logical part>"
        String logicalPart = cut(logical, Math.max(MIN_LOGICAL_LENGTH, available - 1 - sessionNamespace.length()));
        String sessionPart = keepingSuffix(sessionNamespace, available - 1 - logicalPart.length());
        return join(join(sessionPart, logicalPart), hash(full));
    }

    /**
     * The pod name of client {@code client} on node {@code node} (one client per node):
     * {@code <client>-<node>}, the node name lower-cased with dots as dashes, shortened as
     * {@link #companion} shortens (a hash keeps it unique) when longer than 63 characters.
     */
    public static String clientOnNode(String client, String node) {
        return companion(client, sanitize(node));
    }

    /** {@code text} cut to {@code room} characters, keeping its last '-'-separated part (the random suffix). */
    private static String keepingSuffix(String text, int room) {
        if (text.length() <= room) {
            return text;
        }
        int dash = text.lastIndexOf('-');
        String suffix = dash < 0 ? "" : text.substring(dash);
        if (dash <= 0 || suffix.length() >= room) {
            return cut(text, room);
        }
        return cut(text.substring(0, dash), room - suffix.length()) + suffix;
    }

    private static String cut(String text, int room) {
        return trimDashes(text.length() <= room ? text : text.substring(0, room));
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            String base36 = new BigInteger(1, digest).toString(Character.MAX_RADIX);
            return base36.substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String join(String left, String right) {
        return left.isEmpty() ? right : right.isEmpty() ? left : left + "-" + right;
    }

    private static String sanitize(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return trimDashes(lower);
    }

    private static String trimDashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }
}
