package io.k8snettest.cluster;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.config.ContextGlobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Kubeconfig files merged as kubectl merges them (the first file that defines a context, cluster or
 * user name wins; {@code current-context} comes from the first file that sets it), and one context
 * selected from them, checked before any request: it exists, is allowed, and names a cluster with a
 * server and a user that exist. Never falls back to another context, in-cluster configuration or
 * localhost.
 */
final class Kubeconfig {

    /** The selected context: what it names and a fabric8 configuration built from it alone. */
    record Selection(String context, String cluster, String user, String server,
                     io.fabric8.kubernetes.client.Config clientConfig) {
    }

    private final String files;
    private final Map<String, NamedContext> contexts = new LinkedHashMap<>();
    private final Map<String, NamedCluster> clusters = new LinkedHashMap<>();
    private final Map<String, NamedAuthInfo> users = new LinkedHashMap<>();
    private String currentContext;

    private Kubeconfig(List<Path> paths) {
        this.files = paths.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    /** Reads and merges the files that exist (kubectl skips missing entries of {@code $KUBECONFIG}). */
    static Kubeconfig load(List<Path> paths) {
        List<Path> existing = paths.stream().filter(Files::isRegularFile).toList();
        Kubeconfig merged = new Kubeconfig(existing);
        for (Path path : existing) {
            Config file = parse(path);
            if (file == null) {
                continue; // an empty file adds nothing; an empty merge is reported below
            }
            if (merged.currentContext == null && file.getCurrentContext() != null && !file.getCurrentContext().isBlank()) {
                merged.currentContext = file.getCurrentContext();
            }
            putAll(merged.contexts, file.getContexts(), NamedContext::getName);
            putAll(merged.clusters, file.getClusters(), NamedCluster::getName);
            putAll(merged.users, file.getUsers(), NamedAuthInfo::getName);
        }
        return merged;
    }

    /**
     * Selects the context: {@code requested} (from {@code requestedSource}) or else the current
     * context; refuses it unless {@code allowed} (when given) matches it.
     */
    Selection select(String requested, String requestedSource, Optional<ContextGlobs> allowed) {
        List<String> missing = new ArrayList<>();
        if (contexts.isEmpty()) {
            missing.add("no contexts");
        }
        if (clusters.isEmpty()) {
            missing.add("no clusters");
        }
        if (users.isEmpty()) {
            missing.add("no users");
        }
        if (!missing.isEmpty()) {
            throw fail("kubeconfig " + files + " has " + String.join(", ", missing) + (contexts.isEmpty() && clusters.isEmpty()
                    ? " (is it empty?)" : "") + "; point " + K8sNetTest.KUBECONFIG_KEY
                    + " (or $KUBECONFIG) at the kubeconfig of the cluster to test, e.g. the one `kind get kubeconfig` writes");
        }
        String name = contextName(requested, requestedSource);
        allowed.filter(globs -> !globs.allows(name)).ifPresent(globs -> {
            throw fail("context '" + name + "' (" + (requested == null ? "the current context of kubeconfig " + files
                    : requestedSource) + ") is not allowed by " + K8sNetTest.ALLOWED_CONTEXTS_KEY + "=" + globs
                    + "; set " + K8sNetTest.CONTEXT_KEY + " to an allowed context (contexts in the kubeconfig: "
                    + String.join(", ", contexts.keySet()) + ") or extend " + K8sNetTest.ALLOWED_CONTEXTS_KEY);
        });
        var context = contexts.get(name).getContext();
        String clusterName = context == null ? null : context.getCluster();
        String userName = context == null ? null : context.getUser();
        NamedCluster cluster = clusterName == null ? null : clusters.get(clusterName);
        if (cluster == null) {
            throw fail("context '" + name + "' of kubeconfig " + files + " names cluster '" + clusterName
                    + "', which the kubeconfig does not define (its clusters: " + String.join(", ", clusters.keySet())
                    + "); fix the context or the file");
        }
        if (userName == null || !users.containsKey(userName)) {
            throw fail("context '" + name + "' of kubeconfig " + files + " names user '" + userName
                    + "', which the kubeconfig does not define (its users: " + String.join(", ", users.keySet())
                    + "); fix the context or the file");
        }
        String server = cluster.getCluster() == null ? null : cluster.getCluster().getServer();
        if (server == null || server.isBlank()) {
            throw fail("cluster '" + clusterName + "' of kubeconfig " + files + " has no server address; fix the file");
        }
        return new Selection(name, clusterName, userName, server, clientConfig(name, server));
    }

    private String contextName(String requested, String requestedSource) {
        String known = String.join(", ", contexts.keySet());
        if (requested != null) {
            if (!contexts.containsKey(requested)) {
                throw fail(requestedSource + " is '" + requested + "', which kubeconfig " + files
                        + " does not define; its contexts: " + known);
            }
            return requested;
        }
        if (currentContext == null) {
            throw fail("kubeconfig " + files + " sets no current-context; set " + K8sNetTest.CONTEXT_KEY
                    + " to one of its contexts: " + known);
        }
        if (!contexts.containsKey(currentContext)) {
            throw fail("the current-context '" + currentContext + "' of kubeconfig " + files
                    + " is not one of its contexts (" + known + "); set " + K8sNetTest.CONTEXT_KEY + " to one of them");
        }
        return currentContext;
    }

    /** A fabric8 configuration from this context alone: no auto-configuration from the environment or in-cluster files. */
    private io.fabric8.kubernetes.client.Config clientConfig(String name, String server) {
        Config only = new Config();
        only.setContexts(new ArrayList<>(contexts.values()));
        only.setClusters(new ArrayList<>(clusters.values()));
        only.setUsers(new ArrayList<>(users.values()));
        only.setCurrentContext(name);
        io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.empty();
        try {
            KubeConfigUtils.merge(config, name, only);
        } catch (RuntimeException e) {
            throw new ClusterException("k8s-net-test: cannot use context '" + name + "' of kubeconfig " + files + ": "
                    + e.getMessage(), e);
        }
        String master = config.getMasterUrl();
        if (master == null || !strip(master).equals(strip(server))) {
            throw fail("context '" + name + "' of kubeconfig " + files + " gave server " + master + " instead of " + server
                    + "; refusing to guess");
        }
        return config;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Config parse(Path path) {
        try {
            if (Files.readString(path).isBlank()) {
                return null;
            }
            return KubeConfigUtils.parseConfig(path.toFile());
        } catch (Exception e) {
            throw new ClusterException("k8s-net-test: cannot read kubeconfig " + path + ": " + e.getMessage(), e);
        }
    }

    private static <T> void putAll(Map<String, T> into, List<T> items, Function<T, String> name) {
        if (items != null) {
            items.stream().filter(i -> name.apply(i) != null).forEach(i -> into.putIfAbsent(name.apply(i), i));
        }
    }

    private static ClusterException fail(String message) {
        return new ClusterException("k8s-net-test: " + message);
    }
}
