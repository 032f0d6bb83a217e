package io.k8snettest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a locally built image available to the cluster's nodes before the test class's workloads
 * start, so a {@link WithDeployment} of it never pulls from a registry. Each image is loaded once per
 * cluster and run (cached by its image ID), however many classes declare it; a deployment of a loaded
 * image gets {@code imagePullPolicy: IfNotPresent} unless it says otherwise, whatever its tag.
 *
 * <p>How the image gets in depends on the cluster: k3s imports it into its containerd; an existing
 * cluster runs the command of {@value K8sNetTest#IMAGES_LOAD_COMMAND_KEY} (e.g. {@code kind load
 * image-archive {archive}}), and without one the class fails at once, saying what to do. The setting
 * {@value K8sNetTest#IMAGES_KEY} loads images for every class.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(LoadImage.List.class)
public @interface LoadImage {

    /**
     * The image: a tarball path (docker-archive or OCI archive, as Jib's {@code buildTar} and
     * {@code docker save} write them; relative to the working directory, which is the module's directory
     * under Maven), an OCI layout directory, or {@code docker://<reference>} for an image of the local
     * Docker daemon (e.g. {@code docker://myapp:dev} after {@code docker build -t myapp:dev .}).
     */
    String value();

    /** Container of repeated {@link LoadImage}. */
    @Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @interface List {
        LoadImage[] value();
    }
}
