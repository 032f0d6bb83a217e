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

/**
 * The images loaded into one cluster during this run: each archive is read once per source and
 * loaded once per image ID, however many test classes declare it. Thread-safe (classes run in parallel).
 */
@API(status = INTERNAL, since = "0.1")
public final class ClusterImages {

    private final Map<String, ImageArchive> archives = new HashMap<>();
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
                continue;
            }
            ImageLoader loader = cluster.imageLoader().orElseThrow(() -> noLoader(source, cluster));
            loader.load(archive.tarball(), archive.names());
            loadedIds.add(archive.id());
            loadedNames.addAll(archive.names());
        }
        return Set.copyOf(loadedNames);
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
