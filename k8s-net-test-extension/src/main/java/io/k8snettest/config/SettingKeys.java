package io.k8snettest.config;

import io.k8snettest.api.K8sNetTest;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The known setting keys: the {@code *_KEY} constants of {@link K8sNetTest} (the one list), and the
 * closest of them to a mistyped key.
 */
final class SettingKeys {

    /** The prefix of every setting key. */
    public static final String PREFIX = "k8snet.";

    private static final List<String> KNOWN = Arrays.stream(K8sNetTest.class.getFields())
            .filter(f -> f.getName().endsWith("_KEY") && f.getType() == String.class && Modifier.isStatic(f.getModifiers()))
            .map(SettingKeys::value).sorted().toList();

    private SettingKeys() {
    }

    /** Every known key, sorted. */
    public static List<String> known() {
        return KNOWN;
    }

    /** The candidate with the smallest edit distance to {@code key} (ties: the first in order). */
    public static Optional<String> closest(String key, Collection<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt(c -> distance(key, c)));
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String value(Field f) {
        try {
            return (String) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
