package io.k8snettest.cluster;

import org.testcontainers.DockerClientFactory;

/** Whether Docker can be used on this machine; isolated so that provider selection is unit-tested by overriding it. */
class DockerAvailability {

    /** True when Testcontainers can reach a Docker daemon. */
    public boolean isAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
