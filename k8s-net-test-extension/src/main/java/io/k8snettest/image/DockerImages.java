package io.k8snettest.image;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.testcontainers.DockerClientFactory;

/** Images of the local Docker daemon, saved as tarballs ({@code docker save}) through Testcontainers' client. */
final class DockerImages {

    private DockerImages() {
    }

    /** Saves {@code reference} into a temporary tarball (deleted when the JVM exits). */
    static Path save(String reference) {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            available = false;
        }
        if (!available) {
            throw new ImageException("needs a Docker daemon, and none is reachable; give a tarball instead"
                    + " (docker save -o app.tar " + reference + " where Docker runs, or Jib's buildTar)");
        }
        try (InputStream in = DockerClientFactory.instance().client().saveImageCmd(reference).exec()) {
            Path tarball = Files.createTempFile("k8snet-docker-image", ".tar");
            tarball.toFile().deleteOnExit();
            Files.copy(in, tarball, StandardCopyOption.REPLACE_EXISTING);
            return tarball;
        } catch (NotFoundException e) {
            throw new ImageException("is not an image of the Docker daemon; build or tag it first (docker build -t "
                    + reference + " .)");
        } catch (IOException | RuntimeException e) {
            throw new ImageException("could not be saved from the Docker daemon: " + e.getMessage());
        }
    }
}
