package io.k8snettest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Creates a Deployment in the test namespace and waits until all its replicas are Ready. Fails
 * fast with the cluster's reason (ErrImagePull, CrashLoopBackOff, Unschedulable, admission
 * rejection) instead of waiting for the timeout.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(WithDeployment.List.class)
public @interface WithDeployment {

    /** Name of the Deployment (a DNS-1123 label); also the container's name. */
    String name();

    /** Container image, for example {@code nginx:1.22.1}. */
    String image();

    /** Desired replicas. Default 1. */
    int replicas() default 1;

    /**
     * Container ports (TCP). Default: none. The first one also gets a TCP readiness probe (every
     * second), so the deployment counts as Ready once its pods accept connections there. Without a
     * port, Ready must hold for a second with no container restart before it counts.
     */
    int[] port() default {};

    /** Pod labels as {@code key=value}; also the Deployment's selector. Default: {@code app=<name>}. */
    String[] labels() default {};

    /** Container command (entrypoint override). Default: the image's. */
    String[] command() default {};

    /** Container arguments. Default: the image's. */
    String[] args() default {};

    /** Environment variables as {@code NAME=value}. */
    String[] env() default {};

    /**
     * Pin every replica to this node (its {@code metadata.name}): a required node affinity. A node the
     * cluster does not have, or one that is cordoned, fails before the deployment is created. Not with
     * {@link #spreadAcrossNodes()}. Default: any node. See README "Node placement".
     */
    String node() default "";

    /**
     * Spread the replicas across nodes: a topology spread constraint on {@code kubernetes.io/hostname}
     * ({@code maxSkew: 1}, {@code DoNotSchedule}, taints and node affinity honoured), so with two or more
     * replicas no node runs two before every schedulable node runs one. Needs {@code replicas >= 2} and at
     * least two schedulable nodes (else fails at once). Not with {@link #node()}. Default {@code false}.
     */
    boolean spreadAcrossNodes() default false;

    /**
     * The container's {@code imagePullPolicy}. Default {@link PullPolicy#DEFAULT}: {@code IfNotPresent}
     * for an image loaded with {@link LoadImage} or {@value K8sNetTest#IMAGES_KEY} (whatever its tag),
     * otherwise Kubernetes' default ({@code Always} for {@code :latest} or no tag, else {@code IfNotPresent}).
     */
    PullPolicy imagePullPolicy() default PullPolicy.DEFAULT;

    /** Values of {@link #imagePullPolicy()}. */
    enum PullPolicy {
        /** {@code IfNotPresent} for loaded images, otherwise Kubernetes' default. */
        DEFAULT,
        ALWAYS,
        IF_NOT_PRESENT,
        NEVER;

        /** The Kubernetes value, e.g. {@code IfNotPresent}; empty for {@link #DEFAULT}. */
        public String kubernetesValue() {
            return switch (this) {
                case DEFAULT -> "";
                case ALWAYS -> "Always";
                case IF_NOT_PRESENT -> "IfNotPresent";
                case NEVER -> "Never";
            };
        }
    }

    /** Container of repeated {@link WithDeployment}. */
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @interface List {
        WithDeployment[] value();
    }
}
