package io.k8snettest.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes small image tarballs for tests: the files a docker-archive or OCI archive has, with made-up layers. */
public final class ImageTarballs {

    private ImageTarballs() {
    }

    /** A docker-archive as Jib writes it: {@code config.json}, one layer, {@code manifest.json} naming {@code tag}. */
    public static Path dockerArchive(Path file, String tag, String config) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("config.json", config);
        entries.put("layer1.tar.gz", "not really a layer");
        entries.put("manifest.json", "[{\"Config\":\"config.json\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[\"layer1.tar.gz\"]}]");
        return write(file, entries);
    }

    /** An OCI archive with one manifest annotated with {@code annotation}={@code name}. */
    public static Path ociArchive(Path file, String annotation, String name) throws IOException {
        return write(file, Map.of("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}", "index.json",
                "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                        + "\"digest\":\"sha256:" + "ab".repeat(32) + "\",\"size\":1,\"annotations\":{\"" + annotation
                        + "\":\"" + name + "\"}}]}"));
    }

    /** A tar file with the given entries (name to UTF-8 content). */
    public static Path write(Path file, Map<String, String> entries) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(bytes.length);
                out.putArchiveEntry(entry);
                out.write(bytes);
                out.closeArchiveEntry();
            }
        }
        return file;
    }
}
