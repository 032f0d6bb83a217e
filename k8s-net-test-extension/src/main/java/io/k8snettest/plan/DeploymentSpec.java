package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A deployment the test declares with {@code @WithDeployment}.
 *
 * @param name     deployment and container name
 * @param image    container image
 * @param replicas desired replicas
 * @param ports    container ports
 * @param labels   pod labels, also the selector (never empty: defaults to {@code app=<name>})
 * @param command  entrypoint override (empty: the image's)
 * @param args     arguments (empty: the image's)
 * @param env      environment
 * @param origin   where it was declared, for messages (e.g. {@code @WithDeployment(name="x") on MyTest})
 * @param imagePullPolicy the container's {@code imagePullPolicy} ({@code Always}, {@code IfNotPresent},
 *                 {@code Never}), or empty for the default (see {@link #forLoadedImages})
 * @param node     the node every replica is pinned to, empty for any
 * @param spread   whether the replicas are spread across nodes
 */
@API(status = INTERNAL, since = "0.1")
public record DeploymentSpec(String name, String image, int replicas, List<Integer> ports,
                             Map<String, String> labels, List<String> command, List<String> args,
                             Map<String, String> env, String origin, String imagePullPolicy, String node, boolean spread) {

    public DeploymentSpec {
        ports = List.copyOf(ports);
        labels = Map.copyOf(labels);
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Map.copyOf(env);
        imagePullPolicy = imagePullPolicy == null ? "" : imagePullPolicy;
        node = node == null ? "" : node;
    }

    /** A deployment on any node. */
    public DeploymentSpec(String name, String image, int replicas, List<Integer> ports, Map<String, String> labels,
                          List<String> command, List<String> args, Map<String, String> env, String origin,
                          String imagePullPolicy) {
        this(name, image, replicas, ports, labels, command, args, env, origin, imagePullPolicy, "", false);
    }

    /** A deployment with the default pull policy. */
    public DeploymentSpec(String name, String image, int replicas, List<Integer> ports, Map<String, String> labels,
                          List<String> command, List<String> args, Map<String, String> env, String origin) {
        this(name, image, replicas, ports, labels, command, args, env, origin, "");
    }

    /**
     * This deployment with {@code IfNotPresent} when it keeps the default policy and its image is one of
     * the loaded ones (compared as {@link ImageReferences#normalize normalized} references): a loaded
     * image is never pulled, whatever its tag.
     */
    public DeploymentSpec forLoadedImages(java.util.Set<String> loadedImages) {
        if (!imagePullPolicy.isEmpty() || !loadedImages.contains(ImageReferences.normalize(image))) {
            return this;
        }
        return new DeploymentSpec(name, image, replicas, ports, labels, command, args, env, origin, "IfNotPresent", node,
                spread);
    }
}
