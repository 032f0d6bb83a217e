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
 */
record K3sSettings(DockerImageName image, boolean reuse, Duration startupTimeout, List<String> serverArgs,
                   Optional<Path> registries) {

    static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofMinutes(3);
    static final Duration MIN_STARTUP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_STARTUP_TIMEOUT = Duration.ofMinutes(30);
    /** Where k3s reads its registries configuration. */
    static final String REGISTRIES_PATH = "/etc/rancher/k3s/registries.yaml";
    /** Server arguments Testcontainers' K3sContainer starts with, before ours. */
    static final List<String> BASE_ARGS = List.of("server", "--disable=traefik");

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
        return new K3sSettings(name, settings.bool(K8sNetTest.K3S_REUSE_KEY, false), timeout, args, registries);
    }

    /** The container's command: Testcontainers' server arguments, the TLS name of {@code host}, then ours. */
    List<String> command(String host) {
        List<String> command = new ArrayList<>(BASE_ARGS);
        command.add("--tls-san=" + host);
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
