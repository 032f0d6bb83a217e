package io.k8snettest.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an image tarball carries: its names (normalized) and its identity, for every format we accept. */
class ImageArchiveTest {

    @TempDir
    Path dir;

    @Test
    void dockerArchiveAsJibWritesItIsIdentifiedByTheDigestOfItsConfig() throws Exception {
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}";
        Path tar = ImageTarballs.dockerArchive(dir.resolve("jib-image.tar"), "team/app:latest", config);

        ImageArchive archive = ImageArchive.read(tar);

        assertThat(archive.names()).containsExactly("docker.io/team/app:latest");
        assertThat(archive.id()).isEqualTo("sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(config.getBytes(StandardCharsets.UTF_8))));
        assertThat(archive.tarball()).isEqualTo(tar);
    }

    @Test
    void theSameImageSavedTwiceHasTheSameIdentity() throws Exception {
        ImageArchive a = ImageArchive.read(ImageTarballs.dockerArchive(dir.resolve("a.tar"), "app:dev", "{\"x\":1}"));
        ImageArchive b = ImageArchive.read(ImageTarballs.dockerArchive(dir.resolve("b.tar"), "app:dev", "{\"x\":1}"));
        ImageArchive other = ImageArchive.read(ImageTarballs.dockerArchive(dir.resolve("c.tar"), "app:dev", "{\"x\":2}"));

        assertThat(a.id()).isEqualTo(b.id()).isNotEqualTo(other.id());
    }

    @Test
    void ociArchiveNamedByContainerdsAnnotation() throws Exception {
        ImageArchive archive = ImageArchive.read(ImageTarballs.ociArchive(dir.resolve("oci.tar"),
                "io.containerd.image.name", "registry.example:5000/team/app:1.0"));

        assertThat(archive.names()).containsExactly("registry.example:5000/team/app:1.0");
        assertThat(archive.id()).isEqualTo("sha256:" + "ab".repeat(32));
    }

    @Test
    void ociArchiveNamedByAFullReferenceInTheOciAnnotation() throws Exception {
        ImageArchive archive = ImageArchive.read(ImageTarballs.ociArchive(dir.resolve("oci.tar"),
                "org.opencontainers.image.ref.name", "team/app:2.0"));

        assertThat(archive.names()).containsExactly("docker.io/team/app:2.0");
    }

    @Test
    void ociLayoutDirectoryIsPackedIntoATarball() throws Exception {
        Path layout = Files.createDirectories(dir.resolve("layout"));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:"
                + "cd".repeat(32) + "\",\"annotations\":{\"io.containerd.image.name\":\"docker.io/team/app:3\"}}]}");
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Files.writeString(layout.resolve("blobs/sha256/" + "cd".repeat(32)), "{}");

        ImageArchive archive = ImageArchive.read(layout);

        assertThat(archive.names()).containsExactly("docker.io/team/app:3");
        assertThat(archive.tarball()).isRegularFile().isNotEqualTo(layout);
        assertThat(ImageArchive.read(archive.tarball()).id()).isEqualTo("sha256:" + "cd".repeat(32));
    }
}
