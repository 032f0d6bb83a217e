package io.k8snettest.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A failed k3s start says why and names the setting to change. */
class K3sMessagesTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    @DisplayName("bad input: a k3s image that cannot be pulled names k8snet.k3s.image")
    void imageNotPullable() {
        String message = K3sMessages.startFailure("rancher/k3s:v9.9.9-k3s1", TIMEOUT,
                new RuntimeException("Container startup failed", new RuntimeException("Failed to pull image: manifest unknown")),
                false);

        assertThat(message).startsWith("could not start k3s from image rancher/k3s:v9.9.9-k3s1: Container startup failed:"
                        + " Failed to pull image: manifest unknown")
                .contains("the image could not be pulled: check k8snet.k3s.image (a tag of rancher/k3s such as"
                        + " rancher/k3s:v1.34.12-k3s1");
    }

    @Test
    @DisplayName("bad input: rootless Docker is named with the way out")
    void rootlessDocker() {
        String message = K3sMessages.startFailure("rancher/k3s:v1.34.12-k3s1", TIMEOUT,
                new RuntimeException("Container exited with code 1"), true);

        assertThat(message).contains("this Docker runs rootless, and k3s needs a privileged container",
                "use a rootful Docker, or an existing cluster with k8snet.cluster=kubeconfig");
    }

    @Test
    @DisplayName("bad input: a Docker that refuses privileged containers")
    void privilegedRefused() {
        String message = K3sMessages.startFailure("rancher/k3s:v1.34.12-k3s1", TIMEOUT,
                new RuntimeException("privileged mode is incompatible with user namespaces"), false);

        assertThat(message).contains("k3s needs a privileged container: allow privileged containers in this Docker");
    }

    @Test
    @DisplayName("bad input: a start that times out names k8snet.k3s.startup-timeout")
    void timeout() {
        String message = K3sMessages.startFailure("rancher/k3s:v1.34.12-k3s1", TIMEOUT,
                new RuntimeException("Timed out waiting for log output matching '.*Node controller sync successful.*'"), false);

        assertThat(message).contains("k3s did not report ready within k8snet.k3s.startup-timeout (180s): raise it on a slow"
                + " machine or for a cold image pull");
    }
}
