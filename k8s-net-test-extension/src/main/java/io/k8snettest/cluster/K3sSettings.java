package io.k8snettest.cluster;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.testcontainers.utility.DockerImageName;

/**
 * The k3s settings, resolved and checked before any container starts.
 *
 * @param image          {@value K8sNetTest#K3S_IMAGE_KEY}
 * @param reuse          {@value K8sNetTest#K3S_REUSE_KEY}
 * @param startupTimeout {@value K8sNetTest#K3S_STARTUP_TIMEOUT_KEY}
 * @param serverArgs     {@value K8sNetTest#K3S_SERVER_ARGS_KEY}, split on spaces
 * @param registries     {@value K8sNetTest#K3S_REGISTRIES_KEY}, an existing file
 * @param agents         {@value K8sNetTest#K3S_AGENTS_KEY}, {@code 0} to {@link #MAX_AGENTS}
 */
record K3sSettings(DockerImageName image, boolean reuse, Duration startupTimeout, List<String> serverArgs,
                   Optional<Path> registries, int agents) {

    static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofMinutes(3);
    static final Duration MIN_STARTUP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_STARTUP_TIMEOUT = Duration.ofMinutes(30);
    /** Where k3s reads its registries configuration. */
    static final String REGISTRIES_PATH = "/etc/rancher/k3s/registries.yaml";
    /** Server arguments Testcontainers' K3sContainer starts with, before ours. */
    static final List<String> BASE_ARGS = List.of("server", "--disable=traefik");
    /** The most agent containers a run may start: each is a k3s node of a few hundred MiB. */
    static final int MAX_AGENTS = 4;

    K3sSettings {
        serverArgs = List.copyOf(serverArgs);
    }

    static K3sSettings from(Settings settings) {
        String image = settings.string(K8sNetTest.K3S_IMAGE_KEY, K8sNetTest.DEFAULT_K3S_IMAGE);
        DockerImageName name;
        try {
            // A mirrored registry serves the same image under another name.
            name = DockerImageName.parse(image).asCompatibleSubstituteFor("rancher/k3s");
            name.assertValid();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(settings.describeSource(K8sNetTest.K3S_IMAGE_KEY) + " is '" + image
                    + "', which is not an image reference (" + e.getMessage() + "); give a k3s image such as "
                    + K8sNetTest.DEFAULT_K3S_IMAGE + " (the tag is the k3s release with '+' written as '-')");
        }
        Duration timeout = settings.duration(K8sNetTest.K3S_STARTUP_TIMEOUT_KEY, DEFAULT_STARTUP_TIMEOUT,
                MIN_STARTUP_TIMEOUT, MAX_STARTUP_TIMEOUT);
        List<String> args = settings.lookup(K8sNetTest.K3S_SERVER_ARGS_KEY)
                .map(a -> Arrays.stream(a.strip().split("\\s+")).toList()).orElse(List.of());
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                throw new ExtensionConfigurationException(settings.describeSource(K8sNetTest.K3S_SERVER_ARGS_KEY)
                        + " has '" + arg + "', which is no option; write options of 'k3s server' separated by spaces,"
                        + " each with its value after '=', e.g. '--flannel-backend=none --disable-network-policy'");
            }
        }
        Optional<Path> registries = settings.lookup(K8sNetTest.K3S_REGISTRIES_KEY).map(Path::of);
        registries.filter(p -> !Files.isRegularFile(p)).ifPresent(p -> {
            throw new ExtensionConfigurationException(settings.describeSource(K8sNetTest.K3S_REGISTRIES_KEY) + " is '" + p
                    + "', which is no file (" + p.toAbsolutePath() + "); give the path of a k3s registries.yaml"
                    + " (mirrors and credentials, see the k3s documentation on private registries)");
        });
        boolean reuse = settings.bool(K8sNetTest.K3S_REUSE_KEY, false);
        return new K3sSettings(name, reuse, timeout, args, registries, agents(settings, reuse));
    }

    private static int agents(Settings settings, boolean reuse) {
        Optional<String> text = settings.lookup(K8sNetTest.K3S_AGENTS_KEY).map(String::strip);
        if (text.isEmpty()) {
            return 0;
        }
        String source = settings.describeSource(K8sNetTest.K3S_AGENTS_KEY);
        int agents;
        try {
            agents = Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException(source + " is '" + text.get() + "', which is no whole number; write"
                    + " how many k3s agent nodes to start beside the server, 0 to " + MAX_AGENTS + " (e.g. 1 for two nodes)");
        }
        if (agents < 0 || agents > MAX_AGENTS) {
            throw new ExtensionConfigurationException(source + " is '" + text.get() + "'; allowed: 0 to " + MAX_AGENTS
                    + " (each agent is one more k3s container, a node of a few hundred MiB)");
        }
        if (agents > 0 && reuse) {
            throw new ExtensionConfigurationException(source + " is '" + text.get() + "' and "
                    + settings.describeSource(K8sNetTest.K3S_REUSE_KEY) + " is true: a reused k3s server cannot keep its"
                    + " agents, which join it over a Docker network made for one run; set " + K8sNetTest.K3S_AGENTS_KEY
                    + "=0 or " + K8sNetTest.K3S_REUSE_KEY + "=false");
        }
        return agents;
    }

    /** The container's command: Testcontainers' server arguments, the TLS name of {@code host}, then ours. */
    List<String> command(String host) {
        return command(host, List.of());
    }

    /**
     * Like {@link #command(String)}, with {@code clusterArgs} (what the agents need of the server, see
     * {@link K3sAgents#serverArgs}) before the user's {@value K8sNetTest#K3S_SERVER_ARGS_KEY}.
     */
    List<String> command(String host, List<String> clusterArgs) {
        List<String> command = new ArrayList<>(BASE_ARGS);
        command.add("--tls-san=" + host);
        command.addAll(clusterArgs);
        command.addAll(serverArgs);
        return command;
    }

    /**
     * Whether the node can become Ready on its own: not with {@code --flannel-backend=none}, whose node
     * waits for a CNI that the tests install.
     */
    boolean nodeReadyWithoutTests() {
        return !serverArgs.contains("--flannel-backend=none");
    }
}
