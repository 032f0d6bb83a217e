package io.k8snettest.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kubernetes' rules for names, label keys and values and environment variable names, checked while
 * planning so a typo is a configuration error instead of an API-server rejection halfway through a run.
 */
final class KubernetesNames {

    static final String DNS_1123_LABEL_RULE = "allowed: lower-case letters, digits and '-', starting and ending"
            + " with a letter or digit, at most 63 characters";
    static final String DNS_1035_LABEL_RULE = "allowed: lower-case letters, digits and '-', starting with a letter"
            + " and ending with a letter or digit, at most 63 characters";
    static final String LABEL_KEY_RULE = "allowed: an optional DNS subdomain prefix and '/', then at most 63"
            + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    static final String LABEL_VALUE_RULE = "allowed: empty, or at most 63 letters, digits, '-', '_' or '.',"
            + " starting and ending with a letter or digit";
    static final String ENV_NAME_RULE = "allowed: letters, digits, '_', '-' and '.', not starting with a digit";

    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private KubernetesNames() {
    }

    static boolean isDns1123Label(String value) {
        return value.length() <= 63 && DNS_1123_LABEL.matcher(value).matches();
    }

    static boolean isDns1035Label(String value) {
        return value.length() <= 63 && DNS_1035_LABEL.matcher(value).matches();
    }

    static boolean isLabelKey(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.length() > 253 || !DNS_1123_SUBDOMAIN.matcher(prefix).matches()) {
                return false;
            }
        }
        return name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches();
    }

    static boolean isLabelValue(String value) {
        return value.isEmpty() || value.length() <= 63 && QUALIFIED_NAME.matcher(value).matches();
    }

    /** Requires a DNS-1123 label (names of deployments, containers, pods, namespaces). */
    static void requireDns1123Label(String origin, String element, String value) {
        if (!isDns1123Label(value)) {
            throw Misuse.value(origin, element, value, "is not a valid DNS-1123 label",
                    DNS_1123_LABEL_RULE + "; rename it");
        }
    }

    /** Parses {@code key=value} pod labels and checks keys and values. */
    static Map<String, String> labels(String origin, String element, String[] pairs) {
        return pairs(origin, element, pairs, "key=value", "run=my-nginx", (pair, key, value) -> {
            if (!isLabelKey(key.strip())) {
                throw Misuse.value(origin, element, pair, "has an invalid label key '" + key.strip() + "'",
                        LABEL_KEY_RULE + "; fix the key");
            }
            if (!isLabelValue(value.strip())) {
                throw Misuse.value(origin, element, pair, "has an invalid label value '" + value.strip() + "'",
                        LABEL_VALUE_RULE + "; fix the value");
            }
            return Map.entry(key.strip(), value.strip());
        });
    }

    /** Parses {@code NAME=value} environment variables (the value is kept as written and may contain '='). */
    static Map<String, String> env(String origin, String element, String[] pairs) {
        return pairs(origin, element, pairs, "NAME=value", "MY_VAR=value", (pair, name, value) -> {
            if (!ENV_NAME.matcher(name).matches()) {
                throw Misuse.value(origin, element, pair, "has an invalid variable name '" + name + "'",
                        ENV_NAME_RULE + "; rename the variable");
            }
            return Map.entry(name, value);
        });
    }

    /** Splits each pair at its first '=', lets {@code check} validate it, and rejects repeated keys. */
    private static Map<String, String> pairs(String origin, String element, String[] pairs, String form,
                                             String example, PairCheck check) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw Misuse.value(origin, element, pair, "is not " + form, "write e.g. \"" + example + "\"");
            }
            Map.Entry<String, String> entry = check.apply(pair, pair.substring(0, eq), pair.substring(eq + 1));
            if (parsed.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                throw Misuse.value(origin, element, pair, "repeats the key '" + entry.getKey() + "'",
                        "give each key once");
            }
        }
        return parsed;
    }

    @FunctionalInterface
    private interface PairCheck {
        Map.Entry<String, String> apply(String pair, String key, String value);
    }

    /** Requires a TCP/UDP port number. */
    static void requirePort(String origin, String element, int port) {
        if (port < 1 || port > 65535) {
            throw Misuse.value(origin, element, port, "is out of range", "allowed: 1 to 65535; fix " + element);
        }
    }
}
