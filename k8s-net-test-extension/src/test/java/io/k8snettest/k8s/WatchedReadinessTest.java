package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceStatusBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Readiness and namespace waits react to the watch event of the object they wait for, within
 * milliseconds, although their safety-net poll is far longer (fabric8 mock API server, CRUD mode).
 * Each test starts the wait, lets it make its first requests (watches opened, condition false), then
 * changes the object, and compares the wait's end with the moment a watch of its own saw the change.
 */
@EnableKubernetesMockClient(crud = true)
@org.junit.jupiter.api.extension.ExtendWith(io.k8snettest.k8s.WatchesOn.class)
class WatchedReadinessTest {

    static final String NS = "ready";
    static final Duration NEVER = Duration.ofSeconds(30);
    /**
     * Bound in ms from an event to the end of the wait it wakes, its own reads included: a few ms on an
     * idle machine (3-240 ms measured with load 30-50 on 2 cores); far below {@link #NEVER}, so only the
     * event can explain it.
     */
    static final long REACTION_MS = 500;
    static final Duration IDLE = Duration.ofMillis(300);
    static final Map<String, String> LABELS = Map.of("app", "web");

    KubernetesClient client;
    KubernetesMockServer server;
    private final AtomicLong seen = new AtomicLong();

    /** A watch of its own that remembers when it last saw an event. */
    private <T> Watch reference(Watchable<T> watchable) {
        return watchable.watch(new Watcher<T>() {
            @Override
            public void eventReceived(Action action, T resource) {
                seen.set(System.nanoTime());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    /**
     * Runs {@code wait} on another thread; once the server got {@code requests} more requests (the wait
     * opened its watches and found its condition false) runs {@code change}; returns ms from the
     * reference watch's event to the wait's end.
     */
    private long reaction(Watch reference, Runnable wait, int requests, Runnable change) throws Exception {
        try (reference) {
            int before = server.getRequestCount();
            AtomicLong end = new AtomicLong();
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                wait.run();
                end.set(System.nanoTime());
            });
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> server.getRequestCount() >= before + requests || waiting.isDone());
            awaitIdle(); // the watches' first events (the objects that exist) may have woken it once more
            assertThat(waiting).as("the wait still waits before the change").isNotDone();
            change.run();
            waiting.get();
            long ms = (end.get() - seen.get()) / 1_000_000;
            System.out.println("[watched readiness] the wait ended " + ms + " ms after the event");
            return ms;
        }
    }

    /** Until the server got no request for {@link #IDLE}: the wait sits waiting for an event. */
    private void awaitIdle() {
        AtomicLong last = new AtomicLong(-1);
        AtomicLong since = new AtomicLong();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            long count = server.getRequestCount();
            if (count != last.getAndSet(count)) {
                since.set(System.nanoTime());
                return false;
            }
            return System.nanoTime() - since.get() >= IDLE.toNanos();
        });
    }

    private ReadinessWaiter waiter() {
        return new ReadinessWaiter(client, Duration.ofSeconds(20), () -> "", NEVER);
    }

    private static Pod pod(String name, String ip, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).withLabels(LABELS).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx:1.27").endContainer().endSpec()
                .withStatus(new PodStatusBuilder().withPhase(ready ? "Running" : "Pending").withPodIP(ip)
                        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().build())
                .build();
    }

    @Test
    void aPodWaitEndsWithinMillisecondsOfTheReadyEvent() throws Exception {
        client.pods().inNamespace(NS).resource(pod("p", "10.0.0.5", false)).create();

        long ms = reaction(reference(client.pods().inNamespace(NS).withName("p")), () -> waiter().awaitPod(NS, "p", "@Test"), 2,
                () -> client.pods().inNamespace(NS).resource(pod("p", "10.0.0.5", true)).update());

        assertThat(ms).isLessThan(REACTION_MS);
    }

    @Test
    void aDeploymentWaitEndsWithinMillisecondsOfTheStatusEvent() throws Exception {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(LABELS).endSelector().withNewTemplate()
                .withNewMetadata().withLabels(LABELS).endMetadata().withNewSpec().addNewContainer().withName("web")
                .withImage("nginx:1.27").withNewReadinessProbe().withNewTcpSocket().withNewPort(80).endTcpSocket()
                .endReadinessProbe().endContainer().endSpec().endTemplate().endSpec().build();
        client.apps().deployments().inNamespace(NS).resource(d).create();

        long ms = reaction(reference(client.apps().deployments().inNamespace(NS).withName("web")),
                // 6: the watches of deployment and pods, then a status read and the fail-fast lists (ReplicaSets, pods)
                () -> waiter().awaitDeployment(NS, "web", "@WithDeployment"), 6, () -> {
                    d.setStatus(new DeploymentStatusBuilder().withReplicas(2).withReadyReplicas(2).withUpdatedReplicas(2).build());
                    client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
                });

        assertThat(ms).isLessThan(REACTION_MS);
    }

    @Test
    void aDeploymentWithoutReadinessProbeCountsOnceReadyHeldForTheWindowWithoutAPoll() throws Exception {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("plain").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(LABELS).endSelector().withNewTemplate()
                .withNewMetadata().withLabels(LABELS).endMetadata().withNewSpec().addNewContainer().withName("plain")
                .withImage("busybox:1.35.0").endContainer().endSpec().endTemplate().endSpec().build();
        client.apps().deployments().inNamespace(NS).resource(d).create();

        long ms = reaction(reference(client.apps().deployments().inNamespace(NS).withName("plain")),
                () -> waiter().awaitDeployment(NS, "plain", "@WithDeployment"), 6, () -> {
                    d.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(1).withUpdatedReplicas(1).build());
                    client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
                });

        // Ready must hold for ReadySettle.WINDOW: the wait evaluates again when it has passed, not at its safety poll
        assertThat(ms).isBetween(ReadySettle.WINDOW.toMillis(), ReadySettle.WINDOW.toMillis() + REACTION_MS);
    }

    @Test
    void anEndpointsWaitEndsWithinMillisecondsOfTheSliceEvent() throws Exception {
        client.pods().inNamespace(NS).resource(pod("web-1", "10.0.0.1", true)).create();
        client.pods().inNamespace(NS).resource(pod("web-2", "10.0.0.2", true)).create();
        client.discovery().v1().endpointSlices().inNamespace(NS).resource(Services.slice(NS, "web", "web-x",
                List.of(Services.slicePort("", 80)), "web-1=10.0.0.1")).create();

        long ms = reaction(reference(client.discovery().v1().endpointSlices().inNamespace(NS).withName("web-x")),
                () -> waiter().awaitEndpoints(NS, "web", LABELS, 80, 2, "@ExposeService"), 4,
                () -> client.discovery().v1().endpointSlices().inNamespace(NS).resource(Services.slice(NS, "web", "web-x",
                        List.of(Services.slicePort("", 80)), "web-1=10.0.0.1", "web-2=10.0.0.2")).update());

        assertThat(ms).isLessThan(REACTION_MS);
    }

    @Test
    void aDeclaredObjectsDeletionWaitEndsWithinMillisecondsOfTheDeletedEvent() throws Exception {
        ConfigMap held = new ConfigMapBuilder().withNewMetadata().withName("held").withNamespace(NS).addToFinalizers("test/hold")
                .endMetadata().build();
        client.configMaps().inNamespace(NS).resource(held).create();
        ResourceApplier applier = new ResourceApplier(client, NS, waiter(), Duration.ofSeconds(20));

        // 3: the delete call, the watch, the first read (the safety poll is the default 2 s here)
        long ms = reaction(reference(client.configMaps().inNamespace(NS).withName("held")),
                () -> applier.deleteAndAwait(List.of(held)), 3, () -> client.configMaps().inNamespace(NS).withName("held")
                        .edit(cm -> {
                            cm.getMetadata().setFinalizers(List.of());
                            return cm;
                        }));

        assertThat(client.configMaps().inNamespace(NS).withName("held").get()).isNull();
        assertThat(ms).isLessThan(REACTION_MS);
    }

    @Test
    void aNamespaceCreationWaitEndsWithinMillisecondsOfItsServiceAccountEvent() throws Exception {
        Namespaces namespaces = new Namespaces(client, Duration.ofSeconds(20), Duration.ofSeconds(20), null, NEVER);

        // 4: the create call, the watches of namespace and ServiceAccount, the first read (not Active yet)
        long ms = reaction(reference(client.serviceAccounts().inNamespace("coming").withName("default")),
                () -> namespaces.create("coming", Map.of(), Map.of()), 4, () -> {
                    Namespace ns = client.namespaces().withName("coming").get();
                    ns.setStatus(new NamespaceStatusBuilder().withPhase("Active").build());
                    client.namespaces().resource(ns).update();
                    client.serviceAccounts().inNamespace("coming").resource(new ServiceAccountBuilder().withNewMetadata()
                            .withName("default").endMetadata().build()).create();
                });

        assertThat(ms).isLessThan(REACTION_MS);
    }

    @Test
    void aNamespaceDeletionWaitEndsWithinMillisecondsOfTheDeletedEvent() throws Exception {
        // a finalizer holds the namespace after the delete call, as the namespace controller does while it empties it
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("going").addToFinalizers("test/hold")
                .endMetadata().build()).create();
        Namespaces namespaces = new Namespaces(client, Duration.ofSeconds(20), Duration.ofSeconds(20), null, NEVER);

        long ms = reaction(reference(client.namespaces().withName("going")), () -> namespaces.delete("going"), 3,
                () -> client.namespaces().withName("going").edit(ns -> {
                    ns.getMetadata().setFinalizers(List.of());
                    return ns;
                }));

        assertThat(client.namespaces().withName("going").get()).isNull();
        assertThat(ms).isLessThan(REACTION_MS);
    }
}
