package io.k8snettest.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.api.WithManifest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client pod deleted by someone else between two probes: a probe pod of ours is created again and
 * the second probe gets a true verdict; a pod we do not own fails the probe naming it, never reads as
 * "blocked".
 */
@K8sNetTest
@WithManifest("run-my-nginx.yaml")
@ExposeService(deployment = "my-nginx")
@WithDeployment(name = "sleeper", image = K8sNetTest.DEFAULT_PROBE_IMAGE, command = {"sh", "-c", "trap 'exit 0' TERM; while true; do sleep 3600 & wait $!; done"})
class ProbeClientDeletedTest {

    @Test
    void aProbeClientDeletedBetweenTwoProbesIsRecreated(NetTest net, KubernetesClient client) {
        String ip = net.service("my-nginx").clusterIP();
        ProbeClient probe = net.client("probe");
        assertThat(probe.http(ip, 80, "/").success()).as("first probe").isTrue();

        client.pods().inNamespace(net.namespace()).withName("probe").withGracePeriod(0).delete();
        client.pods().inNamespace(net.namespace()).withName("probe").waitUntilCondition(p -> p == null, 60, TimeUnit.SECONDS);

        ProbeResult second = probe.http(ip, 80, "/");
        assertThat(second.success()).as("second probe, after the client pod was deleted: %s", second).isTrue();
    }

    @Test
    void anExistingPodDeletedUnderItsClientFailsTheProbeNamingIt(NetTest net, KubernetesClient client) {
        // a pod of a deployment (not ours to recreate) whose image has a shell
        String podName = net.deployment("sleeper").pods().get(0).getMetadata().getName();
        ProbeClient fromPod = net.existingPod(podName);
        ProbeResult before = fromPod.exec("sh", "-c", "exit 0");
        assertThat(before.success()).as("exec in %s before it is deleted: %s", podName, before).isTrue();

        client.pods().inNamespace(net.namespace()).withName(podName).withGracePeriod(0).delete();
        client.pods().inNamespace(net.namespace()).withName(podName).waitUntilCondition(p -> p == null, 60, TimeUnit.SECONDS);

        long start = System.nanoTime();
        assertThatThrownBy(() -> fromPod.tcp(net.service("my-nginx").clusterIP(), 80))
                .as("a probe from a deleted pod is never a verdict (it would read as blocked)")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(podName).hasMessageContaining("deleted during the test")
                .hasMessageContaining("does not recreate pods it did not create");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
}
