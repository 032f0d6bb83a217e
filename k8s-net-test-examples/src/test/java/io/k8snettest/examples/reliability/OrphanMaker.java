package io.k8snettest.examples.reliability;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The victim of {@link KilledRunTest}, run in a JVM of its own: one {@code @K8sNetTest} class that
 * prints its namespace and then waits, so the test can {@code kill -9} the JVM mid-class.
 */
public final class OrphanMaker {

    /** The configuration parameter that enables {@link VictimTestCase}: only this main sets it. */
    static final String KEY = "k8snet.examples.orphan-maker";
    /** The line the victim prints, followed by its namespace. */
    static final String MARKER = "k8snet-orphan-namespace=";
    /** The victim's bound: it is killed long before; if not, its JVM ends on its own. */
    static final long WAIT_MINUTES = 5;

    private OrphanMaker() {
    }

    public static void main(String[] args) {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(VictimTestCase.class))
                .configurationParameters(Map.of(KEY, "true")).execute();
    }

    /** Runs only inside {@link OrphanMaker#main}. */
    @ExtendWith(OnlyInOrphanMaker.class)
    @K8sNetTest
    static class VictimTestCase {

        @Test
        void waitsToBeKilled(NetTest net) throws InterruptedException {
            System.out.println(MARKER + net.namespace());
            System.out.flush();
            new CountDownLatch(1).await(WAIT_MINUTES, TimeUnit.MINUTES);
        }
    }

    static final class OnlyInOrphanMaker implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY, Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("run by OrphanMaker")
                    : ConditionEvaluationResult.disabled("the victim of KilledRunTest; runs only in OrphanMaker's JVM");
        }
    }
}
