package io.k8snettest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asserts that a service is reachable from a client pod; retried until {@link #timeout()}.
 *
 * <p>When it is checked: after the test method's body returned normally; on a class, for every
 * test method of the class, of its {@code @Nested} classes and of subclasses (the annotation is
 * inherited). Every invocation of a {@code @RepeatedTest}, {@code @ParameterizedTest} or other
 * {@code @TestTemplate} runs it, like a plain {@code @Test}. A {@code @TestFactory} runs it once,
 * after the factory method returned and before any of its dynamic tests runs; when it fails, the
 * factory fails and its dynamic tests do not run.
 *
 * <p>The client is a small probe pod named {@link #client()} in the test namespace (created once
 * and reused), unless {@link #existingPod()} names a pod that already runs. {@link #clientLabels()}
 * and {@link #clientNamespace()} give the client the identity NetworkPolicy rules select on.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(ReachableFrom.List.class)
public @interface ReachableFrom {

    /** Name of the client probe pod. Default {@code probe}. */
    String client() default "probe";

    /** Extra labels of the client pod, as {@code key=value}. */
    String[] clientLabels() default {};

    /** Logical name of another namespace (created and owned by the test) for the client. Default: the test namespace. */
    String clientNamespace() default "";

    /** Run the client on this node (its {@code metadata.name}). See {@link Placement#onNode} and README "Node placement". */
    String clientNode() default "";

    /** Run the client on the node of this pod ({@code "web-0"}, {@code "other/web-0"} or {@code "app=web"}). See {@link Placement#sameNodeAs}. */
    String clientSameNodeAs() default "";

    /**
     * Run the client on a node other than that of this pod ({@code "web-0"}, {@code "other/web-0"} or
     * {@code "app=web"}). Needs a second schedulable node: on a one-node cluster the check fails at once,
     * never passing on same-node traffic. See {@link Placement#otherNodeThan}.
     */
    String clientOtherNodeThan() default "";

    /**
     * Probe from every schedulable node: one client per node, named {@code <client>-<node>}, each pinned to its
     * node, and the check must hold from each. Needs at least two schedulable nodes (else fails at once).
     * Not with {@link #existingPod()} or another client placement.
     */
    boolean fromEveryNode() default false;

    /** Use this already running pod (in the test namespace) as the client instead of a probe pod. */
    String existingPod() default "";

    /** Name of the target service. */
    String service();

    /**
     * Service port (its number, not the target port). Default: the service's first port. Endpoints
     * are probed on the pod port this service port resolves to; a UDP or SCTP port is rejected.
     */
    int port() default -1;

    /** How the service is addressed. Default {@link Via#CLUSTER_IP}; a headless service needs {@link Via#DNS} or {@link Via#EACH_ENDPOINT}. */
    Via via() default Via.CLUSTER_IP;

    /** Probe protocol. Default {@link ProbeProtocol#HTTP}. */
    ProbeProtocol protocol() default ProbeProtocol.HTTP;

    /** HTTP path. Default {@code /}. */
    String path() default "/";

    /** Expected HTTP status. Default 200. */
    int expectStatus() default 200;

    /** A substring the HTTP body must contain. Default: no check. */
    String expectBody() default "";

    /** Bound for the check, e.g. {@code 30s}, {@code 2m}. Default: {@value K8sNetTest#PROBE_TIMEOUT_KEY}. */
    String timeout() default "";

    /** Container of repeated {@link ReachableFrom}. */
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @interface List {
        ReachableFrom[] value();
    }
}
