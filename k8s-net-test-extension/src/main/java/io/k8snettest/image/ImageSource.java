package io.k8snettest.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * One image to load, as declared: a tarball or OCI layout path, or {@code docker://<reference>}.
 *
 * @param value  as written
 * @param origin where it was declared, for messages, e.g. {@code @LoadImage("target/app.tar") on MyTest}
 */
@API(status = INTERNAL, since = "0.1")
public record ImageSource(String value, String origin) {

    /** The prefix of an image of the local Docker daemon. */
    public static final String DOCKER = "docker://";

    /** Reads the archive (after {@code docker save} for a Docker image); {@link ImageException} when it cannot. */
    ImageArchive archive() {
        if (value.startsWith(DOCKER)) {
            return ImageArchive.read(DockerImages.save(value.substring(DOCKER.length())));
        }
        return ImageArchive.read(path());
    }

    /** The absolute path a file source names (relative paths resolve against the working directory). */
    Path path() {
        return Path.of(value).toAbsolutePath().normalize();
    }

    /** For messages: the source and, for files, the absolute path. */
    String describe() {
        return value.startsWith(DOCKER) ? origin + ": image " + value.substring(DOCKER.length()) + " of the Docker daemon"
                : origin + ": " + path();
    }
}
