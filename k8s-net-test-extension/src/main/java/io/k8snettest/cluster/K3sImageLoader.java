package io.k8snettest.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.MountableFile;

/**
 * Loads an image tarball into the containerd of every running k3s container (the server, and each agent
 * of a multi-node k3s): copies it into the container, runs {@code ctr -n k8s.io images import} there (k3s
 * ships {@code ctr}) and removes the copy. No Docker image store and no registry are involved.
 */
final class K3sImageLoader implements ImageLoader {

    /** Where tarballs are copied inside the container. */
    static final String DIRECTORY = "/tmp/k8snet-images/";

    /** The part of the container the loader uses; a fake in unit tests. */
    interface Target {
        String id();

        void copy(Path archive, String containerPath);

        Exec exec(List<String> command) throws IOException, InterruptedException;

        static Target of(GenericContainer<?> container) {
            return of(container, "");
        }

        /** @param role what the container is, e.g. {@code agent k8snet-agent-1}; empty for a single node */
        static Target of(GenericContainer<?> container, String role) {
            return new Target() {
                @Override
                public String id() {
                    String id = container.getContainerId();
                    id = id == null ? "?" : id.substring(0, Math.min(12, id.length()));
                    return role.isEmpty() ? id : id + " (" + role + ")";
                }

                @Override
                public void copy(Path archive, String containerPath) {
                    container.copyFileToContainer(MountableFile.forHostPath(archive), containerPath);
                }

                @Override
                public Exec exec(List<String> command) throws IOException, InterruptedException {
                    var result = container.execInContainer(command.toArray(String[]::new));
                    return new Exec(result.getExitCode(), (result.getStderr() + " " + result.getStdout()).strip());
                }
            };
        }
    }

    /** What a command in the container gave: exit code, stderr and stdout. */
    record Exec(int exitCode, String output) {
    }

    private final List<Target> targets;

    K3sImageLoader(Target target) {
        this(List.of(target));
    }

    /** @param targets the server first, then the agents: every node's containerd gets the image */
    K3sImageLoader(List<Target> targets) {
        this.targets = List.copyOf(targets);
    }

    /** The command that imports {@code containerPath} into the namespace the kubelet uses. */
    static List<String> importCommand(String containerPath) {
        return List.of("ctr", "-n", "k8s.io", "images", "import", containerPath);
    }

    @Override
    public String description() {
        return targets.size() == 1 ? description(targets.get(0))
                : "containerd of each k3s container " + String.join(", ", targets.stream().map(Target::id).toList())
                        + " (ctr images import)";
    }

    private static String description(Target target) {
        return "containerd of the k3s container " + target.id() + " (ctr images import)";
    }

    @Override
    public void load(Path archive, List<String> names) {
        for (Target target : targets) {
            load(target, archive, names);
        }
    }

    private void load(Target target, Path archive, List<String> names) {
        String inside = DIRECTORY + archive.getFileName();
        String what = "loading " + String.join(", ", names) + " from " + archive.toAbsolutePath() + " into "
                + description(target);
        try {
            target.copy(archive, inside);
            Exec result = target.exec(importCommand(inside));
            if (result.exitCode() != 0) {
                throw new ClusterException(what + " failed: ctr exited with " + result.exitCode() + ": " + result.output()
                        + "; the tarball must be a docker-archive or OCI archive (jib buildTar, docker save)");
            }
            removeCopy(target, inside);
        } catch (IOException e) {
            throw new ClusterException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(what + " was interrupted", e);
        } catch (RuntimeException e) {
            if (e instanceof ClusterException) {
                throw e;
            }
            throw new ClusterException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Best effort: the copy only takes space in the container, which the run throws away. */
    private static void removeCopy(Target target, String inside) throws InterruptedException {
        try {
            target.exec(List.of("rm", "-f", inside));
        } catch (IOException | RuntimeException e) {
            // the image is imported; a leftover copy in a throwaway container harms nothing
        }
    }
}
