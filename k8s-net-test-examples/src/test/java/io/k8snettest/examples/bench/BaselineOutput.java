package io.k8snettest.examples.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the kubectl scripts' timing lines, {@code phase <name> <millis>}; other lines are ignored. */
final class BaselineOutput {

    private BaselineOutput() {
    }

    /**
     * The samples per phase, in the order the lines came.
     *
     * @throws IllegalArgumentException for a {@code phase} line that is not {@code phase <name> <millis>}
     */
    static Map<String, List<Long>> parse(List<String> lines) {
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (!f[0].equals("phase")) {
                continue;
            }
            if (f.length != 3 || !f[2].matches("\\d{1,12}")) {
                throw new IllegalArgumentException("kubectl baseline: malformed timing line \"" + line
                        + "\"; expected \"phase <name> <millis>\" (fix the script that printed it)");
            }
            samples.computeIfAbsent(f[1], k -> new ArrayList<>()).add(Long.parseLong(f[2]));
        }
        return samples;
    }
}
