package io.k8snettest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asserts that a service is NOT reachable from a client pod, for a whole stability window.
 *
 * <p>Before the negative check, a positive control proves the target is up: from
 * {@link #controlClient()} when given, otherwise by a port-forward to a ready backend pod (which
 * no NetworkPolicy filters). A broken target therefore never passes as "blocked".
 *
 * <p>It is checked when and as often as {@link ReachableFrom} says: after the body of every test
 * method it applies to, in every invocation of a template, once per {@code @TestFactory} (before
 * its dynamic tests run).
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(NotReachableFrom.List.class)
public @interface NotReachableFrom {

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

    /** Probe protocol. Default {@link ProbeProtocol#TCP}. */
    ProbeProtocol protocol() default ProbeProtocol.TCP;

    /** HTTP path (for {@link ProbeProtocol#HTTP}). Default {@code /}. */
    String path() default "/";

    /**
     * A client (probe pod name in the test namespace) that must first reach every ready endpoint of
     * the service port (pod IP and pod port) and the address the check probes. Default: a
     * port-forward to each of those pods.
     */
    String controlClient() default "";

    /** How long the target must stay unreachable, e.g. {@code 10s}. Default: {@value K8sNetTest#STABILITY_WINDOW_KEY}. */
    String stabilityWindow() default "";

    /** Container of repeated {@link NotReachableFrom}. */
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @interface List {
        NotReachableFrom[] value();
    }
}
