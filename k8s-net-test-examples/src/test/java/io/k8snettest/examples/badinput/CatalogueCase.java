package io.k8snettest.examples.badinput;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a {@code *TestCase} that fails on purpose (a bad input, or a picture with a wrong cell), so it runs only inside {@link Catalogue#run}
 * or another engine-test-kit run
 * (which sets {@link #KEY}), never when Maven or an IDE selects it. Declare it before {@code @K8sNetTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CatalogueCase.OnlyInCatalogue.class)
public @interface CatalogueCase {

    /** The configuration parameter {@link Catalogue#run} sets for the cases it runs. */
    String KEY = "k8snet.examples.catalogue-case";

    /** Enables the case only when {@link #KEY} is {@code true}. */
    final class OnlyInCatalogue implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean inCatalogue = context.getConfigurationParameter(KEY, Boolean::parseBoolean).orElse(false);
            return inCatalogue
                    ? ConditionEvaluationResult.enabled("run by the bad-input catalogue")
                    : ConditionEvaluationResult.disabled("a bad-input case that fails on purpose; its *CatalogueTest runs it");
        }
    }
}
