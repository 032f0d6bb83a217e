package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.apiguardian.api.API;

/**
 * Finds a manifest (classpath resource or file) and parses its YAML documents into Kubernetes
 * objects, without a cluster. Lookup, as documented on {@link io.k8snettest.api.WithManifest}: a
 * {@code classpath:} prefix restricts the lookup to the classpath; otherwise the classpath relative
 * to the anchor class's package, then the classpath root, then a file path (relative to the
 * working directory, or absolute).
 *
 * <p>Only namespaced objects are accepted (the runtime puts them into the test namespace, whatever
 * namespace they name, except a companion namespace of the test named by a placeholder, see
 * {@code k8s.ManifestPlaceholders}); objects of kinds without a model class are kept as
 * {@link GenericKubernetesResource}, since their scope cannot be known without a cluster.
 */
@API(status = INTERNAL, since = "0.1")
public final class ManifestLoader {

    static final String CLASSPATH_PREFIX = "classpath:";

    // Stateless and thread-safe; building one costs a Jackson mapper, so it is shared.
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ManifestLoader() {
    }

    /**
     * Loads {@code location} relative to {@code anchor}'s package.
     *
     * @param origin names the declaration in error messages, e.g. {@code @WithManifest("a.yaml") on MyTest}
     */
    public static ManifestSpec load(String location, Class<?> anchor, boolean awaitReady, String origin) {
        if (location.isBlank()) {
            throw Misuse.value(origin, "value", location, "is empty", "give a classpath resource or a file path");
        }
        List<String> lookedIn = new ArrayList<>();
        ClassLoader loader = anchor.getClassLoader() != null ? anchor.getClassLoader()
                : Thread.currentThread().getContextClassLoader();
        boolean classpathOnly = location.startsWith(CLASSPATH_PREFIX);
        String path = classpathOnly ? location.substring(CLASSPATH_PREFIX.length()) : location;
        List<String> candidates = new ArrayList<>();
        if (!path.startsWith("/") && !anchor.getPackageName().isEmpty()) {
            candidates.add(anchor.getPackageName().replace('.', '/') + "/" + path);
        }
        candidates.add(path.startsWith("/") ? path.substring(1) : path);
        for (String resource : candidates) {
            lookedIn.add("classpath " + resource);
            URL url = loader.getResource(resource);
            if (url != null) {
                return read(location, url.toString(), () -> url.openStream(), awaitReady, origin);
            }
        }
        if (!classpathOnly) {
            Path file = Path.of(path).toAbsolutePath().normalize();
            lookedIn.add("file " + file);
            if (Files.isRegularFile(file)) {
                return read(location, file.toString(), () -> Files.newInputStream(file), awaitReady, origin);
            }
        }
        String what = classpathOnly ? "no such classpath resource '" : "no such classpath resource or file '";
        throw Misuse.at(origin, what + location + "' (looked in: " + String.join(", ", lookedIn) + ")",
                "put the file under src/test/resources" + (classpathOnly ? "" : " or give a path"));
    }

    private static ManifestSpec read(String location, String resolvedAs, Source source, boolean awaitReady,
                                     String origin) {
        try (InputStream in = source.open()) {
            return new ManifestSpec(location, resolvedAs, parse(in, resolvedAs, origin), awaitReady, origin);
        } catch (IOException e) {
            throw Misuse.at(origin, "cannot read " + resolvedAs + ": " + e.getMessage(), "check the file");
        }
    }

    /** Parses every YAML document of {@code in}; {@code resolvedAs} names the source in messages. */
    static List<HasMetadata> parse(InputStream in, String resolvedAs, String origin) {
        Object parsed;
        try {
            parsed = SERIALIZATION.unmarshal(in);
        } catch (RuntimeException e) {
            throw Misuse.at(origin, "invalid YAML in " + resolvedAs + describe(e), "fix the file");
        }
        List<Object> objects = new ArrayList<>();
        flatten(parsed, objects);
        if (objects.isEmpty()) {
            throw Misuse.at(origin, resolvedAs + " holds no Kubernetes objects",
                    "add at least one object or remove the location");
        }
        List<HasMetadata> resources = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            resources.add(check(objects.get(i), i + 1, resolvedAs, origin));
        }
        return resources;
    }

    private static void flatten(Object parsed, List<Object> into) {
        if (parsed instanceof List<?> list) {
            list.forEach(item -> flatten(item, into));
        } else if (parsed instanceof KubernetesResourceList<?> list) {
            list.getItems().forEach(item -> flatten(item, into));
        } else if (parsed != null) {
            into.add(parsed);
        }
    }

    private static HasMetadata check(Object object, int number, String resolvedAs, String origin) {
        if (!(object instanceof HasMetadata resource) || resource.getKind() == null
                || resource.getApiVersion() == null) {
            throw Misuse.at(origin, "object #" + number + " in " + resolvedAs
                    + " is not a Kubernetes object (it lacks apiVersion or kind)",
                    "give every document apiVersion, kind and metadata.name");
        }
        String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
        if (name == null || name.isBlank()) {
            throw Misuse.at(origin, "object #" + number + " (" + resource.getKind() + ") in " + resolvedAs
                    + " has no metadata.name", "set metadata.name");
        }
        if (!(resource instanceof Namespaced) && !(resource instanceof GenericKubernetesResource)) {
            throw Misuse.at(origin, resource.getKind() + " \"" + name + "\" in " + resolvedAs
                    + " is cluster-scoped; only namespaced objects are allowed (they are applied into the test"
                    + " namespace, and a test never touches what it did not create)",
                    "remove it from the manifest and manage it outside the test");
        }
        return resource;
    }

    /** The parser's reason, with line and column when it knows them. */
    private static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MarkedYamlEngineException yaml) {
                Optional<Mark> mark = yaml.getProblemMark();
                String at = mark.map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                        .orElse("");
                String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
                return at + ": " + yaml.getProblem() + context;
            }
        }
        String message = String.valueOf(error.getMessage());
        int newline = message.indexOf('\n');
        return ": " + (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    @FunctionalInterface
    private interface Source {
        InputStream open() throws IOException;
    }
}
