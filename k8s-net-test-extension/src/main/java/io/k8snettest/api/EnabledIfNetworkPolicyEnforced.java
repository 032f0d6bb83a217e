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
 * Runs the annotated test class or method only on a cluster that enforces NetworkPolicy, as the
 * canary finds (README, "NetworkPolicy tests"; run at most once per run and cluster); elsewhere it is
 * skipped with the canary's finding as the reason. A canary that cannot decide (pod networking or
 * the probe image broken) fails instead: that is no verdict on policies. Without a cluster this
 * condition leaves the decision to {@link K8sNetTest}.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ClusterConditions.class)
public @interface EnabledIfNetworkPolicyEnforced {
}
