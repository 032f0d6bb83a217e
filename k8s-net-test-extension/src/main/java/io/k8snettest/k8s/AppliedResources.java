package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Resources created by {@link ResourceApplier#apply}; closing deletes them (reverse order) and waits until gone. Idempotent. */
@API(status = INTERNAL, since = "0.1")
public interface AppliedResources extends AutoCloseable {
    @Override
    void close();
}
