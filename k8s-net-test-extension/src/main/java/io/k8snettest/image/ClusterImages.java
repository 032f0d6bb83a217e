package io.k8snettest.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.cluster.ClusterHandle;
import io.k8snettest.cluster.CommandImageLoader;
import io.k8snettest.cluster.ImageLoader;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images loaded into one cluster during this run: each archive is read once per source and
 * loaded once per image ID, however many test classes declare it. Thread-safe (classes run in parallel).
 */
@API(status = INTERNAL, since = "0.1")
public final class ClusterImages {

    private final Map<String, ImageArchive> archives = new HashMap<>();
    private final Logger log;
    private final Set<String> loadedIds = new LinkedHashSet<>();
    private final Set<String> loadedNames = new LinkedHashSet<>();

    /**
     * Loads what {@code sources} name and is not loaded yet, and returns every image name loaded into
     * this cluster so far (normalized). Fails with {@link ExtensionConfigurationException} naming the
     * source and the fix when a source is bad or the cluster cannot take images.
     */
    public synchronized Set<String> load(List<ImageSource> sources, ClusterHandle cluster) {
        for (ImageSource source : sources) {
            ImageArchive archive = archive(source);
            if (loadedIds.contains(archive.id())) {
                log.debug("k8s-net-test: image {} ({}) already loaded into this cluster (same image ID)", archive.names(),
                        source.value());
                continue;
            }
            ImageLoader loader = cluster.imageLoader().orElseThrow(() -> noLoader(source, cluster));
            long start = System.nanoTime();
            log.info("k8s-net-test: loading image {} ({}, {}) into {}", archive.names(), source.value(), size(archive.tarball()),
                    cluster.description());
            loader.load(archive.tarball(), archive.names());
            log.info("k8s-net-test: image {} loaded in {}", archive.names(),
                    String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9));
            loadedIds.add(archive.id());
            loadedNames.addAll(archive.names());
        }
        return Set.copyOf(loadedNames);
    }

    public ClusterImages() {
        this(LoggerFactory.getLogger(ClusterImages.class));
    }

    /** For tests: another logger. */
    ClusterImages(Logger log) {
        this.log = log;
    }

    private static String size(java.nio.file.Path tarball) {
        try {
            return String.format(java.util.Locale.ROOT, "%.1f MB", java.nio.file.Files.size(tarball) / 1e6);
        } catch (java.io.IOException e) {
            return "size unknown";
        }
    }

    /** Every image name loaded so far (normalized). */
    public synchronized Set<String> loaded() {
        return Set.copyOf(loadedNames);
    }

    private ImageArchive archive(ImageSource source) {
        ImageArchive known = archives.get(source.value());
        if (known != null) {
            return known;
        }
        try {
            ImageArchive archive = source.archive();
            archives.put(source.value(), archive);
            return archive;
        } catch (ImageException e) {
            throw new ExtensionConfigurationException(source.describe() + " " + e.getMessage()
                    + (source.value().startsWith(ImageSource.DOCKER) ? "" : "; build the image first (e.g. jib:buildTar"
                    + " bound to a phase before the tests) or fix the path (a relative path resolves against the working"
                    + " directory " + java.nio.file.Path.of("").toAbsolutePath() + ")"));
        }
    }

    static ExtensionConfigurationException noLoader(ImageSource source, ClusterHandle cluster) {
        return new ExtensionConfigurationException(source.origin() + ": the cluster (" + cluster.description()
                + ") cannot take local images, so " + source.value()
                + " would end in ErrImagePull. Either set " + K8sNetTest.IMAGES_LOAD_COMMAND_KEY
                + " to a command that loads a tarball into its nodes, with " + CommandImageLoader.ARCHIVE
                + " for the path (kind: 'kind load image-archive " + CommandImageLoader.ARCHIVE + " --name <cluster>';"
                + " a containerd node on this machine: 'ctr --address <socket> -n k8s.io images import "
                + CommandImageLoader.ARCHIVE + "'), or push the image to a registry the nodes pull from and drop the"
                + " @LoadImage / " + K8sNetTest.IMAGES_KEY + " entry");
    }
}
