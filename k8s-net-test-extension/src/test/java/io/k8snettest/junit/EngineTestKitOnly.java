package io.k8snettest.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a {@code *TestCase} class that only runs through {@link EngineRuns} (the engine test kit),
 * never when a build tool or IDE selects it directly. Declare it before {@code @K8sNetTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EngineTestKitOnly.Condition.class)
@interface EngineTestKitOnly {

    /** The configuration parameter {@link EngineRuns} sets. */
    String KEY = "k8snet.test.engine-test-kit";

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY, Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("run through the engine test kit")
                    : ConditionEvaluationResult.disabled("a test case of a lifecycle test; runs only through the engine test kit");
        }
    }
}
