package io.k8snettest.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.k8snettest.plan.ImageReferences;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apiguardian.api.API;

/**
 * An image tarball as container runtimes import it: a docker-archive ({@code manifest.json} with
 * {@code Config} and {@code RepoTags}: {@code docker save}, Jib's {@code buildTar}) or an OCI archive
 * ({@code index.json}; names from {@code io.containerd.image.name} or a full-reference
 * {@code org.opencontainers.image.ref.name}). An OCI layout directory is packed into a temporary tarball.
 *
 * @param tarball the tarball to import
 * @param id      the image's identity: the config digest (docker-archive) or the manifest digest (OCI)
 * @param names   the references it carries, normalized (e.g. {@code docker.io/team/app:dev})
 */
@API(status = INTERNAL, since = "0.1")
public record ImageArchive(Path tarball, String id, List<String> names) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ImageArchive {
        names = List.copyOf(names);
    }

    /** Reads {@code path} (a tarball or an OCI layout directory); {@link ImageException} says what is wrong. */
    public static ImageArchive read(Path path) {
        if (Files.isDirectory(path)) {
            if (!Files.isRegularFile(path.resolve("index.json"))) {
                throw new ImageException("is a directory without index.json, so no OCI image layout");
            }
            return read(pack(path));
        }
        if (!Files.isRegularFile(path)) {
            throw new ImageException("does not exist");
        }
        JsonNode manifest = json(path, "manifest.json");
        if (manifest != null && manifest.isArray() && manifest.size() > 0) {
            return fromDockerManifest(path, manifest);
        }
        JsonNode index = json(path, "index.json");
        if (index != null && index.path("manifests").isArray() && index.path("manifests").size() > 0) {
            return fromOciIndex(path, index);
        }
        throw new ImageException("is no image tarball: it has neither a docker-archive manifest.json nor an OCI index.json"
                + " (write it with jib buildTar, docker save or buildpacks)");
    }

    /** The JSON of the tar entry {@code wanted}, or null when there is none. */
    private static JsonNode json(Path tarball, String wanted) {
        byte[] bytes = entry(tarball, wanted);
        try {
            return bytes == null ? null : JSON.readTree(bytes);
        } catch (tools.jackson.core.JacksonException e) {
            throw new ImageException("has a " + wanted + " that is no JSON: " + e.getOriginalMessage());
        }
    }

    /** The content of the tar entry {@code wanted} (leading {@code ./} ignored), or null when there is none. */
    private static byte[] entry(Path tarball, String wanted) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tarball))) {
            in.mark(2);
            if (in.read() == 0x1f && in.read() == 0x8b) {
                throw new ImageException("is gzip-compressed; give the uncompressed tar (docker save and jib buildTar write one)");
            }
            in.reset();
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                if (name.equals(wanted)) {
                    return tar.readAllBytes();
                }
            }
            return null;
        } catch (IOException | IllegalArgumentException e) {
            throw new ImageException("is not a readable tar file: " + e.getMessage());
        }
    }

    private static ImageArchive fromDockerManifest(Path path, JsonNode manifest) {
        // The image ID is the digest of its config, whatever the entry is called (Jib: config.json).
        String config = manifest.get(0).path("Config").asString("");
        byte[] bytes = entry(path, config);
        if (bytes == null) {
            throw new ImageException("names the config " + config + " in its manifest.json, but has no such entry");
        }
        String id = sha256(bytes);
        Set<String> names = new LinkedHashSet<>();
        manifest.forEach(m -> m.path("RepoTags").forEach(t -> names.add(ImageReferences.normalize(t.asString()))));
        return new ImageArchive(path, id, requireNames(names));
    }

    private static ImageArchive fromOciIndex(Path path, JsonNode index) {
        Set<String> names = new LinkedHashSet<>();
        index.path("manifests").forEach(m -> name(m.path("annotations")).ifPresent(n -> names.add(ImageReferences.normalize(n))));
        return new ImageArchive(path, index.path("manifests").get(0).path("digest").asString(""), requireNames(names));
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> name(JsonNode annotations) {
        String containerd = annotations.path("io.containerd.image.name").asString("");
        if (!containerd.isEmpty()) {
            return Optional.of(containerd);
        }
        String ref = annotations.path("org.opencontainers.image.ref.name").asString("");
        return ref.contains(":") || ref.contains("/") ? Optional.of(ref) : Optional.empty();
    }

    private static List<String> requireNames(Set<String> names) {
        if (names.isEmpty()) {
            throw new ImageException("carries no image name (no RepoTags, no image name annotation), so no deployment"
                    + " can refer to it; name it when you build it (jib <to><image>, docker save NAME:TAG)");
        }
        return new ArrayList<>(names);
    }

    /** Packs an OCI layout directory into a temporary tarball (deleted when the JVM exits). */
    private static Path pack(Path directory) {
        try {
            Path tarball = Files.createTempFile("k8snet-oci-layout", ".tar");
            tarball.toFile().deleteOnExit();
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tarball));
                 Stream<Path> files = Files.walk(directory)) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), directory.relativize(file).toString().replace('\\', '/'));
                    out.putArchiveEntry(entry);
                    Files.copy(file, out);
                    out.closeArchiveEntry();
                }
            }
            return tarball;
        } catch (IOException e) {
            throw new ImageException("could not be packed into a tarball: " + e.getMessage());
        }
    }
}
