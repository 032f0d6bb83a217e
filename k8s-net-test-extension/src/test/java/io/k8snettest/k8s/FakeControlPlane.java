package io.k8snettest.k8s;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the controllers and kubelet against the mock API server: namespaces become Active with a
 * default ServiceAccount, deployments get Ready pods with IPs (or pods stuck in ErrImagePull when
 * the image says so), services get EndpointSlices of their ready pods. No data plane. Public for
 * the extension's lifecycle tests in {@code io.k8snettest.junit}.
 */
public final class FakeControlPlane implements AutoCloseable {

    public static final String UNPULLABLE = "registry.invalid/does-not-exist:1";

    private final KubernetesClient client;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger nextIp = new AtomicInteger(10);

    public FakeControlPlane(KubernetesClient client) {
        this.client = client;
        loop.scheduleWithFixedDelay(this::reconcileQuietly, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            // the next round retries; races with the mock server are not what the tests assert
        }
    }

    private void reconcile() {
        for (Namespace ns : client.namespaces().list().getItems()) {
            String name = ns.getMetadata().getName();
            if (ns.getStatus() == null || !"Active".equals(ns.getStatus().getPhase())) {
                ns.setStatus(new NamespaceStatusBuilder().withPhase("Active").build());
                client.namespaces().resource(ns).update();
            }
            if (client.serviceAccounts().inNamespace(name).withName("default").get() == null) {
                client.serviceAccounts().inNamespace(name).resource(new ServiceAccountBuilder().withNewMetadata()
                        .withName("default").endMetadata().build()).create();
            }
            client.apps().deployments().inNamespace(name).list().getItems().forEach(this::reconcile);
            client.services().inNamespace(name).list().getItems().forEach(svc -> {
                List<Pod> ready = Pods.live(client, name, svc.getSpec().getSelector()).stream().filter(Pods::isReady).toList();
                int port = svc.getSpec().getPorts().get(0).getTargetPort().getIntVal();
                String portName = svc.getSpec().getPorts().get(0).getName(); // slice ports carry the service port's name
                client.discovery().v1().endpointSlices().inNamespace(name).resource(new EndpointSliceBuilder()
                        .withNewMetadata().withName(svc.getMetadata().getName() + "-slice")
                        .addToLabels(EndpointSlices.SERVICE_NAME_LABEL, svc.getMetadata().getName()).endMetadata()
                        .withAddressType("IPv4").addNewPort().withName(portName).withPort(port).withProtocol("TCP").endPort()
                        .withEndpoints(ready.stream().map(p -> new io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder()
                                .withAddresses(p.getStatus().getPodIP()).withNewConditions().withReady(true).endConditions()
                                .withNewTargetRef().withKind("Pod").withName(p.getMetadata().getName()).endTargetRef().build()).toList())
                        .build()).createOr(existing -> existing.update());
            });
        }
    }

    private void reconcile(Deployment d) {
        String ns = d.getMetadata().getNamespace();
        var template = d.getSpec().getTemplate();
        int replicas = d.getSpec().getReplicas();
        boolean pullable = !UNPULLABLE.equals(template.getSpec().getContainers().get(0).getImage());
        List<Pod> pods = Pods.live(client, ns, d.getSpec().getSelector().getMatchLabels());
        for (int i = pods.size(); i < replicas; i++) {
            // Where there are nodes, a pod lands on one its placement allows (FakeScheduler), as a scheduler would put it.
            var nodes = Nodes.all(client);
            PodBuilder pod = new PodBuilder().withNewMetadata().withName(d.getMetadata().getName() + "-" + nextIp.get())
                    .withLabels(template.getMetadata().getLabels()).endMetadata().withSpec(new io.fabric8.kubernetes.api.model
                            .PodSpecBuilder(template.getSpec()).withNodeName(nodes.isEmpty() ? null
                                    : FakeScheduler.place(nodes, template.getSpec())).build());
            Pod created = client.pods().inNamespace(ns).resource(pod.build()).create();
            created.setStatus(pullable
                    ? new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").withPodIP("10.42.0." + nextIp.getAndIncrement())
                            .addNewCondition().withType("Ready").withStatus("True").endCondition().build()
                    : PodFailureDetectorTest.waiting("x", "ErrImagePull", "failed to resolve reference \"" + UNPULLABLE + "\"")
                            .getStatus());
            client.pods().inNamespace(ns).resource(created).updateStatus();
        }
        int ready = (int) Pods.live(client, ns, d.getSpec().getSelector().getMatchLabels()).stream().filter(Pods::isReady).count();
        if (d.getStatus() == null || d.getStatus().getReadyReplicas() == null || d.getStatus().getReadyReplicas() != ready) {
            d.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(ready).withUpdatedReplicas(replicas)
                    .withObservedGeneration(d.getMetadata().getGeneration()).build());
            client.apps().deployments().inNamespace(ns).resource(d).updateStatus();
        }
    }

    @Override
    public void close() throws InterruptedException {
        loop.shutdownNow();
        loop.awaitTermination(5, TimeUnit.SECONDS);
    }
}
