package io.k8snettest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.NetTest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Shared check of the two parallel isolation classes. */
final class ParallelIsolation {

    /** Namespaces of the twins, to prove they were different and alive at the same time. */
    private static final Map<String, String> NAMESPACES = new ConcurrentHashMap<>();
    private static final CountDownLatch BOTH_RUNNING = new CountDownLatch(2);

    private ParallelIsolation() {
    }

    static void assertIsolated(NetTest net, String twin) throws InterruptedException {
        NAMESPACES.put(twin, net.namespace());
        BOTH_RUNNING.countDown();
        // Both twins are up at the same time only when the classes really run in parallel.
        boolean overlapped = BOTH_RUNNING.await(5, TimeUnit.MINUTES);
        assertThat(overlapped).as("both isolation classes running at the same time").isTrue();
        assertThat(NAMESPACES.get("A")).isNotEqualTo(NAMESPACES.get("B"));

        int expectedReplicas = "A".equals(twin) ? 1 : 2;
        var web = net.deployment("web");
        assertThat(web.readyPodIps()).hasSize(expectedReplicas);
        assertThat(net.service("web").endpointIps()).containsExactlyInAnyOrderElementsOf(web.readyPodIps());
        assertThat(net.kubernetesClient().pods().inNamespace(net.namespace()).withLabel("app", "web").list().getItems())
                .hasSize(expectedReplicas)
                .allSatisfy(pod -> assertThat(pod.getMetadata().getNamespace()).isEqualTo(net.namespace()));
    }
}
