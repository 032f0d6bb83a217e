package io.k8snettest.examples.faults;

import io.k8snettest.api.K8sNetTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Fault injection on the local cluster of {@code .ci/local-cluster}: stops, starts and restarts one of
 * its components with {@code up.sh stop|start|restart <component>}. The fault tests run only against
 * that cluster (they fail, naming the reason, anywhere else) and only when selected on their own
 * ({@code .ci/run} does, after the suite), never in parallel with other tests.
 */
final class LocalCluster {

    private static final Duration BOUND = Duration.ofMinutes(3);

    private LocalCluster() {
    }

    /** Runs {@code up.sh <verb> <component>} and waits for it (it waits until the component is ready). */
    static void component(String verb, String component) {
        Path upSh = repo().resolve(".ci/local-cluster/up.sh");
        requireLocalCluster();
        try {
            Path log = Files.createTempFile("fault-" + verb + "-" + component, ".log");
            Process p = new ProcessBuilder("bash", upSh.toString(), verb, component).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("up.sh " + verb + " " + component + " did not finish within " + BOUND
                        + "; its output:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (p.exitValue() != 0) {
                throw new AssertionError("up.sh " + verb + " " + component + " failed (exit " + p.exitValue() + "):\n" + output);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + upSh + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running up.sh " + verb + " " + component, e);
        }
    }

    /** The repository: the examples module's parent, where {@code .ci/local-cluster/up.sh} is. */
    static Path repo() {
        Path module = Path.of("").toAbsolutePath();
        for (Path p = module; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(".ci/local-cluster/up.sh"))) {
                return p;
            }
        }
        throw new AssertionError("fault tests need .ci/local-cluster/up.sh above " + module + "; run them from the repository");
    }

    /** Fails unless the tests run on the local cluster's published kubeconfig (never inject faults elsewhere). */
    static void requireLocalCluster() {
        String stateDir = Optional.ofNullable(System.getenv("K8SNET_LOCAL_CLUSTER_DIR")).orElse("/var/tmp/k8snet-local-cluster");
        Path local = Path.of(stateDir, "admin.kubeconfig").toAbsolutePath().normalize();
        String used = Optional.ofNullable(System.getProperty(K8sNetTest.KUBECONFIG_KEY))
                .orElse(System.getenv("K8SNET_KUBECONFIG"));
        if (used == null || !Path.of(used).toAbsolutePath().normalize().equals(local)) {
            throw new AssertionError("fault tests stop and start components of the local cluster (.ci/local-cluster) and"
                    + " run only against it: set K8SNET_CLUSTER=kubeconfig and K8SNET_KUBECONFIG=" + local
                    + " (now: " + used + ")");
        }
    }
}
