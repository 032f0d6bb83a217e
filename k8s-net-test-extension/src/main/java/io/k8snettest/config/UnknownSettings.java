package io.k8snettest.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Finds mistyped setting keys in the sources that can be enumerated: system properties, every
 * {@code junit-platform.properties} on the classpath, and the environment. (JUnit configuration
 * parameters given to the launcher otherwise, e.g. by an IDE or Maven's {@code configurationParameters},
 * cannot be enumerated and are not checked.)
 *
 * <p>An unknown {@code k8snet.*} key in a property source is always an error. The environment is
 * shared with other tools (our CI scripts export {@code K8SNET_CACHE_DIR} and others), so an unknown
 * {@code K8SNET_*} variable is an error only when it is a near miss of a known setting's variable
 * (see {@link #isNearMiss}); any other is ignored.
 */
@API(status = INTERNAL, since = "0.1")
public final class UnknownSettings {

    static final String ENV_PREFIX = "K8SNET_";

    private final Map<String, List<String>> propertySources;
    private final Iterable<String> environmentNames;

    /**
     * @param propertySources  for each property source (its description), its keys
     * @param environmentNames the names of the environment variables
     */
    public UnknownSettings(Map<String, List<String>> propertySources, Iterable<String> environmentNames) {
        this.propertySources = propertySources;
        this.environmentNames = environmentNames;
    }

    /** The system properties, the {@code junit-platform.properties} resources of {@code loader} and the process environment. */
    public static UnknownSettings fromSystem(ClassLoader loader) {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        sources.put("system property", System.getProperties().stringPropertyNames().stream().toList());
        try {
            for (URL url : Collections.list(loader.getResources("junit-platform.properties"))) {
                sources.put(url.toString(), keys(url));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the junit-platform.properties resources", e);
        }
        return new UnknownSettings(sources, System.getenv().keySet());
    }

    /** One message per unknown key, naming where it is set and the closest known key. */
    public List<String> problems() {
        List<String> known = SettingKeys.known();
        List<String> problems = new ArrayList<>();
        propertySources.forEach((source, keys) -> new TreeSet<>(keys).stream()
                .filter(k -> k.startsWith(SettingKeys.PREFIX) && !known.contains(k))
                .forEach(k -> problems.add("unknown setting '" + k + "' (" + source + ")" + suggestion(k, known))));
        List<String> knownEnv = known.stream().map(Settings::environmentName).toList();
        for (String name : new TreeSet<>(toList(environmentNames))) {
            if (name.startsWith(ENV_PREFIX) && !knownEnv.contains(name)) {
                nearMiss(name, knownEnv).ifPresent(closest -> problems.add("unknown setting in environment variable " + name
                        + "; did you mean " + closest + "? (an unknown K8SNET_* variable is an error only when it is this"
                        + " close to a setting's name)"));
            }
        }
        return problems;
    }

    /**
     * Whether {@code name} looks like a mistyped {@code known}: their parts after {@code K8SNET_}
     * differ by at most a third of the known part's length (at least 2 edits).
     */
    static boolean isNearMiss(String name, String known) {
        String a = name.substring(ENV_PREFIX.length());
        String b = known.substring(ENV_PREFIX.length());
        return SettingKeys.distance(a, b) <= Math.max(2, b.length() / 3);
    }

    private static Optional<String> nearMiss(String name, List<String> knownEnv) {
        return SettingKeys.closest(name, knownEnv).filter(closest -> isNearMiss(name, closest));
    }

    private static String suggestion(String key, List<String> known) {
        return SettingKeys.closest(key, known).map(c -> "; did you mean '" + c + "'?").orElse("")
                + " Known settings are listed in the README's settings table.";
    }

    private static List<String> keys(URL url) {
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
        return p.stringPropertyNames().stream().toList();
    }

    private static List<String> toList(Iterable<String> names) {
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        return list;
    }
}
