package io.k8snettest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes a deployment as a Service, like {@code kubectl expose deployment/X}: the selector is
 * the deployment's pod labels. Waits until the service's endpoints hold every Ready replica. The
 * deployment may come from {@link WithDeployment} or from a {@link WithManifest}; an unknown one is
 * a configuration error that lists the declared deployments.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(ExposeService.List.class)
public @interface ExposeService {

    /** Service name. Default: the deployment's name. */
    String name() default "";

    /** Name of the deployment to expose. */
    String deployment();

    /** Service port. Default: the deployment's first container port. */
    int port() default -1;

    /** Target (container) port. Default: {@link #port()}. */
    int targetPort() default -1;

    /** Protocol of the port. Default TCP. */
    Protocol protocol() default Protocol.TCP;

    /** Service type. Default ClusterIP. */
    ServiceType type() default ServiceType.CLUSTER_IP;

    /** Transport protocol of a service port. */
    enum Protocol { TCP, UDP, SCTP }

    /** Supported service types. */
    enum ServiceType { CLUSTER_IP, NODE_PORT }

    /** Container of repeated {@link ExposeService}. */
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @interface List {
        ExposeService[] value();
    }
}
