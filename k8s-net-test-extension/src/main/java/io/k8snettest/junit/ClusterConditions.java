package io.k8snettest.junit;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.EnabledIfNetworkPolicyEnforced;
import io.k8snettest.api.EnabledIfServerVersion;
import io.k8snettest.cluster.ClusterHandle;
import io.k8snettest.cluster.ServerVersion;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.config.Settings;
import io.k8snettest.policy.PolicyCanary;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.apiguardian.api.API;

/**
 * {@link EnabledIfServerVersion} and {@link EnabledIfNetworkPolicyEnforced}: asks the run's cluster
 * (the one {@link K8sNetTestExtension} uses, from the root store) and skips with a reason that names
 * what the cluster said. Without a cluster it decides nothing: {@code @K8sNetTest} skips or fails.
 */
@API(status = INTERNAL, since = "0.1")
public final class ClusterConditions implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<EnabledIfServerVersion> version = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, EnabledIfServerVersion.class));
        Optional<EnabledIfNetworkPolicyEnforced> policy = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, EnabledIfNetworkPolicyEnforced.class));
        if (version.isEmpty() && policy.isEmpty()) {
            return ConditionEvaluationResult.enabled("no cluster condition here");
        }
        ServerVersion min = version.map(v -> minimum(v, context)).orElse(null); // bad input fails before the cluster
        Settings settings = K8sNetTestExtension.settings(context);
        ClusterResource cluster = K8sNetTestExtension.cluster(context, settings);
        if (cluster.unavailableReason().isPresent()) {
            return ConditionEvaluationResult.enabled("no cluster to ask: @K8sNetTest decides");
        }
        ClusterHandle handle = cluster.handle(settings);
        if (min != null) {
            ServerVersion server = cluster.serverVersion(handle);
            if (server.compareTo(min) < 0) {
                return ConditionEvaluationResult.disabled("k8s-net-test: @EnabledIfServerVersion(min = \"" + version.get().min()
                        + "\"): the cluster runs Kubernetes " + server + " (" + handle.description() + ")");
            }
        }
        if (policy.isPresent()) {
            Optional<String> notEnforced = new PolicyCanary(handle.client(), RuntimeSettings.resolve(settings, null),
                    K8sNetTestExtension.runId(context), cluster.policyEnforcement()).notEnforcedReason();
            if (notEnforced.isPresent()) {
                return ConditionEvaluationResult.disabled("@EnabledIfNetworkPolicyEnforced: " + notEnforced.get());
            }
        }
        return ConditionEvaluationResult.enabled("the cluster meets the conditions");
    }

    /**
     * Checks the conditions' attributes on the context's element without a cluster (called by
     * {@link K8sNetTestExtension} before it decides to skip, so bad input fails even without one).
     */
    static void validate(ExtensionContext context) {
        context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, EnabledIfServerVersion.class))
                .ifPresent(v -> minimum(v, context));
    }

    private static ServerVersion minimum(EnabledIfServerVersion annotation, ExtensionContext context) {
        try {
            return ServerVersion.parse(annotation.min());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@EnabledIfServerVersion(min = \"" + annotation.min() + "\") on "
                    + context.getElement().map(Object::toString).orElse(context.getDisplayName()) + ": " + e.getMessage());
        }
    }
}
