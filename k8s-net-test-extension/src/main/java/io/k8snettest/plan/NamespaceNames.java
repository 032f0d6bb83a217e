package io.k8snettest.plan;

import java.util.Locale;

/**
 * Names of test namespaces: {@code <prefix>-<class>-<suffix>}, a DNS-1123 label of at most 63
 * characters. The class part is shortened when needed; prefix and suffix never are, since the
 * prefix marks the namespace as ours and the suffix makes it unique.
 */
public final class NamespaceNames {

    static final int MAX_LENGTH = 63;

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
