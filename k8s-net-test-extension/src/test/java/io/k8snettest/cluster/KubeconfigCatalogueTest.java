package io.k8snettest.cluster;

import static io.k8snettest.cluster.KubeconfigFiles.single;
import static io.k8snettest.cluster.KubeconfigFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.config.Settings;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad kubeconfigs and contexts: each fails before any request (the "API server" is a loopback
 * socket that counts connections and must see none), naming the file and what is missing.
 */
class KubeconfigCatalogueTest {

    @TempDir
    Path dir;
    private LoopbackServers.Silent server;
    private String url;
    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void listen() throws Exception {
        server = new LoopbackServers.Silent();
        url = "https://127.0.0.1:" + server.port();
    }

    @AfterEach
    void noRequestReachedTheServer() throws Exception {
        server.close();
        assertThat(server.accepted).as("connections to the API server").hasValue(0);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path kubeconfig) {
        parameters.put("k8snet.kubeconfig", kubeconfig.toString());
        Settings settings = new Settings(key -> Optional.ofNullable(parameters.get(key)), environment::get);
        long start = System.nanoTime();
        var assertion = assertThatThrownBy(() -> new KubeconfigClusterProvider(environment::get, dir.toString()).start(settings))
                .isInstanceOf(ClusterException.class).hasMessageStartingWith("k8s-net-test: ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        return assertion;
    }

    @Test
    @DisplayName("bad input: k8snet.context names a context the kubeconfig lacks")
    void unknownContextListsTheContexts() {
        parameters.put("k8snet.context", "kind-prod");
        Path file = write(dir, "config", single(url, "dev", "dev", "kind-kind"));

        assertRefused(file).hasMessage("k8s-net-test: configuration parameter 'k8snet.context' is 'kind-prod', which"
                + " kubeconfig " + file + " does not define; its contexts: dev, kind-kind");
    }

    @Test
    @DisplayName("bad input: an empty kubeconfig")
    void emptyFile() {
        Path file = write(dir, "config", "");

        assertRefused(file).hasMessageContaining("kubeconfig " + file + " has no contexts, no clusters, no users (is it empty?);"
                + " point k8snet.kubeconfig (or $KUBECONFIG) at the kubeconfig of the cluster to test");
    }

    @Test
    @DisplayName("bad input: a kubeconfig without clusters")
    void noClusters() {
        Path file = write(dir, "config", "apiVersion: v1\nkind: Config\ncurrent-context: c\nusers:\n- name: alice\n  user:\n"
                + "    token: t\ncontexts:\n- name: c\n  context:\n    cluster: gone\n    user: alice\n");

        assertRefused(file).hasMessageContaining("kubeconfig " + file + " has no clusters;");
    }

    @Test
    @DisplayName("bad input: a kubeconfig without users")
    void noUsers() {
        Path file = write(dir, "config", "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster:\n"
                + "    server: " + url + "\ncontexts:\n- name: c\n  context:\n    cluster: k\n    user: alice\n");

        assertRefused(file).hasMessageContaining("kubeconfig " + file + " has no users;");
    }

    @Test
    @DisplayName("bad input: the current context points at a missing cluster")
    void contextWithMissingCluster() {
        Path file = write(dir, "config", single(url, "c", "c").replace("cluster: cluster", "cluster: elsewhere"));

        assertRefused(file).hasMessage("k8s-net-test: context 'c' of kubeconfig " + file + " names cluster 'elsewhere', which"
                + " the kubeconfig does not define (its clusters: cluster); fix the context or the file");
    }

    @Test
    @DisplayName("bad input: the selected context points at a missing user")
    void contextWithMissingUser() {
        parameters.put("k8snet.context", "b");
        Path file = write(dir, "config", single(url, "a", "a") + "- name: b\n  context:\n    cluster: cluster\n    user: bob\n");

        assertRefused(file).hasMessage("k8s-net-test: context 'b' of kubeconfig " + file + " names user 'bob', which the"
                + " kubeconfig does not define (its users: alice); fix the context or the file");
    }

    @Test
    @DisplayName("bad input: the current-context is not among the contexts")
    void currentContextMissing() {
        Path file = write(dir, "config", single(url, "gone", "a", "b"));

        assertRefused(file).hasMessage("k8s-net-test: the current-context 'gone' of kubeconfig " + file + " is not one of its"
                + " contexts (a, b); set k8snet.context to one of them");
    }

    @Test
    @DisplayName("bad input: no current-context and no k8snet.context")
    void noCurrentContext() {
        Path file = write(dir, "config", single(url, null, "a"));

        assertRefused(file).hasMessage("k8s-net-test: kubeconfig " + file + " sets no current-context; set k8snet.context to"
                + " one of its contexts: a");
    }

    @Test
    @DisplayName("bad input: a cluster without a server address")
    void clusterWithoutServer() {
        Path file = write(dir, "config", single(url, "a", "a").replace("server: " + url, "certificate-authority: ca.crt"));

        assertRefused(file).hasMessage("k8s-net-test: cluster 'cluster' of kubeconfig " + file + " has no server address;"
                + " fix the file");
    }

    @Test
    @DisplayName("bad input: a kubeconfig that is not YAML")
    void unreadableFile() {
        Path file = write(dir, "config", "clusters: [unclosed\n");

        assertRefused(file).hasMessageStartingWith("k8s-net-test: cannot read kubeconfig " + file + ": ");
    }

    @Test
    @DisplayName("bad input: the current context is not in k8snet.allowed-contexts")
    void implicitContextNotAllowed() {
        parameters.put("k8snet.allowed-contexts", "kind-*, docker-desktop");
        Path file = write(dir, "config", single(url, "prod", "prod", "kind-kind"));

        assertRefused(file).hasMessage("k8s-net-test: context 'prod' (the current context of kubeconfig " + file + ") is not"
                + " allowed by k8snet.allowed-contexts=kind-*,docker-desktop; set k8snet.context to an allowed context"
                + " (contexts in the kubeconfig: prod, kind-kind) or extend k8snet.allowed-contexts");
    }

    @Test
    @DisplayName("bad input: k8snet.context names a context outside k8snet.allowed-contexts")
    void explicitContextNotAllowed() {
        environment.put("K8SNET_ALLOWED_CONTEXTS", "kind-?");
        parameters.put("k8snet.context", "kind-xy");
        Path file = write(dir, "config", single(url, "kind-a", "kind-a", "kind-xy"));

        assertRefused(file).hasMessageStartingWith("k8s-net-test: context 'kind-xy' (configuration parameter"
                + " 'k8snet.context') is not allowed by k8snet.allowed-contexts=kind-?;");
    }

    @Test
    void anAllowedContextIsSelected() {
        Path file = write(dir, "config", single(url, "kind-a", "kind-a"));
        var globs = io.k8snettest.config.ContextGlobs.from(new Settings(
                key -> Optional.of("dev,kind-*").filter(v -> key.equals("k8snet.allowed-contexts")), key -> null));

        Kubeconfig.Selection selection = Kubeconfig.load(java.util.List.of(file)).select(null, "unused", globs);

        assertThat(selection.context()).isEqualTo("kind-a");
        assertThat(selection.clientConfig().getMasterUrl()).isEqualTo(url + "/");
        assertThat(token(selection)).isEqualTo("secret-token");
    }

    private static String token(Kubeconfig.Selection selection) {
        var config = selection.clientConfig();
        return config.getOauthToken() != null ? config.getOauthToken() : config.getAutoOAuthToken();
    }

    /** $KUBECONFIG with several files merges as kubectl does: the first file wins per name; current-context from the first that sets it. */
    @Test
    void severalFilesMergeAsKubectlDoes() {
        Path first = write(dir, "first", single(url, null, "shared", "only-first"));
        Path second = write(dir, "second", single("https://127.0.0.2:1", "shared", "shared", "only-second")
                .replace("secret-token", "second-token"));
        environment.put("KUBECONFIG", first + File.pathSeparator + dir.resolve("missing") + File.pathSeparator + second);
        var provider = new KubeconfigClusterProvider(environment::get, dir.toString());
        Settings settings = new Settings(key -> Optional.empty(), environment::get);

        Kubeconfig.Selection selection = Kubeconfig.load(provider.kubeconfigPaths(settings)).select(null, "unused", Optional.empty());
        Kubeconfig.Selection fromSecond = Kubeconfig.load(provider.kubeconfigPaths(settings)).select("only-second", "x",
                Optional.empty());

        assertThat(provider.unavailableReason(settings)).isEmpty();
        assertThat(selection.context()).as("current-context of the second file").isEqualTo("shared");
        assertThat(selection.server()).as("cluster of the first file").isEqualTo(url);
        assertThat(token(selection)).as("user of the first file").isEqualTo("secret-token");
        assertThat(fromSecond.server()).as("'cluster' is defined by the first file too").isEqualTo(url);
    }
}
