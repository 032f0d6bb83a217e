package io.k8snettest.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.MountableFile;

/**
 * Loads an image tarball into the containerd of a running k3s container: copies it into the
 * container, runs {@code ctr -n k8s.io images import} there (k3s ships {@code ctr}) and removes the
 * copy. No Docker image store and no registry are involved.
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
            return new Target() {
                @Override
                public String id() {
                    String id = container.getContainerId();
                    return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
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

    private final Target target;

    K3sImageLoader(Target target) {
        this.target = target;
    }

    /** The command that imports {@code containerPath} into the namespace the kubelet uses. */
    static List<String> importCommand(String containerPath) {
        return List.of("ctr", "-n", "k8s.io", "images", "import", containerPath);
    }

    @Override
    public String description() {
        return "containerd of the k3s container " + target.id() + " (ctr images import)";
    }

    @Override
    public void load(Path archive, List<String> names) {
        String inside = DIRECTORY + archive.getFileName();
        String what = "loading " + String.join(", ", names) + " from " + archive.toAbsolutePath() + " into " + description();
        try {
            target.copy(archive, inside);
            Exec result = target.exec(importCommand(inside));
            if (result.exitCode() != 0) {
                throw new ClusterException(what + " failed: ctr exited with " + result.exitCode() + ": " + result.output()
                        + "; the tarball must be a docker-archive or OCI archive (jib buildTar, docker save)");
            }
            removeCopy(inside);
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
    private void removeCopy(String inside) throws InterruptedException {
        try {
            target.exec(List.of("rm", "-f", inside));
        } catch (IOException | RuntimeException e) {
            // the image is imported; a leftover copy in a throwaway container harms nothing
        }
    }
}
