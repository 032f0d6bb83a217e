package io.k8snettest.k8s;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the tests of watches themselves: turns watches on for each test ({@link Wakeups#WATCHES_PROPERTY}),
 * which this module's Surefire run turns off for every other test (fabric8's mock API server can stall
 * for up to a minute on a watch the client closes: seen twice in one day, 30 s against bounds of 5-10 s,
 * on a loaded machine), and restores the previous value afterwards. {@link Off} turns them off for a
 * test that must poll also when run outside Surefire (e.g. from an IDE).
 */
public class WatchesOn implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(WatchesOn.class);

    /** Turns watches off for each test, restoring the previous value afterwards. */
    public static final class Off extends WatchesOn {
        @Override
        String value() {
            return "false";
        }
    }

    String value() {
        return "true";
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("previous", String.valueOf(System.getProperty(Wakeups.WATCHES_PROPERTY)));
        System.setProperty(Wakeups.WATCHES_PROPERTY, value());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        restore(context.getStore(NS).get("previous", String.class));
    }

    /** Sets the property back to {@code previous} ("null": absent). */
    public static void restore(String previous) {
        if (previous == null || "null".equals(previous)) {
            System.clearProperty(Wakeups.WATCHES_PROPERTY);
        } else {
            System.setProperty(Wakeups.WATCHES_PROPERTY, previous);
        }
    }
}
