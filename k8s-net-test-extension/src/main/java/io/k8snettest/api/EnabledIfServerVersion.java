package io.k8snettest.api;

import io.k8snettest.junit.ClusterConditions;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only where the cluster's Kubernetes version is at least
 * {@link #min()}; elsewhere it is skipped, and the skip reason names the server's version. The
 * cluster is the one {@link K8sNetTest} uses (asked once per run, {@code GET /version}); without a
 * cluster this condition leaves the decision to {@link K8sNetTest} (skip, or fail when a cluster is
 * required).
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ClusterConditions.class)
public @interface EnabledIfServerVersion {

    /** The lowest Kubernetes version to run on, {@code major.minor} or {@code major.minor.patch}, e.g. {@code "1.30"}. */
    String min();
}
