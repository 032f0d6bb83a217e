package io.k8snettest.probe;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Where the runtime publishes JUnit report entries: the extension sets the current test's publisher
 * before each test and clears it after. Without one (outside a test), entries are dropped.
 */
public final class ReportEntries {

    private final AtomicReference<BiConsumer<String, String>> publisher = new AtomicReference<>();

    /** Sets the publisher, or clears it with {@code null}. */
    public void publishTo(BiConsumer<String, String> target) {
        publisher.set(target);
    }

    void publish(String key, String value) {
        BiConsumer<String, String> p = publisher.get();
        if (p != null) {
            p.accept(key, value);
        }
    }
}
