package io.k8snettest.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A Kubernetes version, {@code major.minor[.patch]}, as a server reports it ({@code v1.34.1+k3s1},
 * a minor of {@code 27+}) or as a user writes it ({@code 1.30}). Pure.
 */
@API(status = INTERNAL, since = "0.1")
public record ServerVersion(int major, int minor, int patch) implements Comparable<ServerVersion> {

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\+?(?:\\.(\\d+))?.*");

    /** The version in {@code text}, or an {@link IllegalArgumentException} naming it. */
    public static ServerVersion parse(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is no Kubernetes version; write major.minor or"
                    + " major.minor.patch, e.g. 1.30 or 1.30.2");
        }
        return new ServerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    @Override
    public int compareTo(ServerVersion o) {
        int c = Integer.compare(major, o.major);
        c = c != 0 ? c : Integer.compare(minor, o.minor);
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
