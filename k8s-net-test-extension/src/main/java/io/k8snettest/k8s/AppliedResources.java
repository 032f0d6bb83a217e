package io.k8snettest.k8s;

/** Resources created by {@link ResourceApplier#apply}; closing deletes them (reverse order) and waits until gone. Idempotent. */
public interface AppliedResources extends AutoCloseable {
    @Override
    void close();
}
