package io.k8snettest.cluster;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A cluster's way to make a locally built image available to its nodes, so that pods with
 * {@code imagePullPolicy: IfNotPresent} start from it without a registry: k3s imports into the
 * container's containerd ({@link K3sImageLoader}), an existing cluster runs the command of
 * {@code k8snet.images.load-command} ({@link CommandImageLoader}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ImageLoader {

    /** Where images go, for messages, e.g. {@code containerd of the k3s container 0a1b2c (ctr images import)}. */
    String description();

    /**
     * Loads the image archive (docker-archive or OCI archive, uncompressed tar) into the cluster;
     * loading the same archive again does no harm. Throws {@link ClusterException} naming the archive,
     * the images and the cause when it cannot.
     *
     * @param archive the tarball
     * @param names   the image references it carries, for messages
     */
    void load(Path archive, List<String> names);
}
