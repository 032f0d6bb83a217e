package io.k8snettest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.TestNamespace;
import io.k8snettest.api.WithDeployment;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Declared deployments and services are created with the declared specs and removed in order. */
@ExtendWith(MockCluster.Extension.class)
class DeclaredResourcesLifecycleTest {

    @EngineTestKitOnly
    @K8sNetTest
    @WithDeployment(name = "web", image = "nginx:1.27", replicas = 2, port = {80, 8080}, labels = {"run=web", "tier=front"})
    @ExposeService(name = "web-svc", deployment = "web", port = 8000, targetPort = 8080, type = ExposeService.ServiceType.NODE_PORT)
    static class ClassAndMethodResourcesTestCase {
        @Test
        @WithDeployment(name = "echo", image = "busybox:1.36", port = 5678)
        @ExposeService(deployment = "echo")
        void test() {
        }
    }

    @Test
    void classResourcesHaveTheDeclaredSpecsInTheTestNamespace(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.KEEP_NAMESPACE_KEY, "always"),
                ClassAndMethodResourcesTestCase.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        String ns = EngineRuns.entry(results, ClassAndMethodResourcesTestCase.class, "k8snet.namespace");
        Map<String, String> labels = Map.of("run", "web", "tier", "front");

        Deployment web = cluster.client.apps().deployments().inNamespace(ns).withName("web").get();
        assertThat(web.getSpec().getReplicas()).isEqualTo(2);
        assertThat(web.getSpec().getSelector().getMatchLabels()).isEqualTo(labels);
        assertThat(web.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(labels);
        assertThat(web.getSpec().getTemplate().getSpec().getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("web");
            assertThat(c.getImage()).isEqualTo("nginx:1.27");
            assertThat(c.getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(80, 8080);
        });

        Service svc = cluster.client.services().inNamespace(ns).withName("web-svc").get();
        assertThat(svc.getSpec().getType()).isEqualTo("NodePort");
        assertThat(svc.getSpec().getSelector()).isEqualTo(labels);
        assertThat(svc.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(8000);
            assertThat(p.getTargetPort()).isEqualTo(new IntOrString(8080));
            assertThat(p.getProtocol()).isEqualTo("TCP");
        });
    }

    @Test
    void methodResourcesHaveTheDeclaredSpecsAndAreRemovedAfterTheMethod(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.KEEP_NAMESPACE_KEY, "always"),
                ClassAndMethodResourcesTestCase.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        String ns = EngineRuns.entry(results, ClassAndMethodResourcesTestCase.class, "k8snet.namespace");
        Deployment echo = cluster.created(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("echo")).findFirst().orElseThrow();
        assertThat(echo.getMetadata().getNamespace()).isEqualTo(ns);
        assertThat(echo.getSpec().getReplicas()).isEqualTo(1);
        assertThat(echo.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("app", "echo"));
        assertThat(echo.getSpec().getTemplate().getSpec().getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getImage()).isEqualTo("busybox:1.36");
            assertThat(c.getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(5678);
        });
        Service echoSvc = cluster.created(Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals("echo")).findFirst().orElseThrow();
        assertThat(echoSvc.getMetadata().getNamespace()).isEqualTo(ns);
        assertThat(echoSvc.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(echoSvc.getSpec().getSelector()).isEqualTo(Map.of("app", "echo"));
        assertThat(echoSvc.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(5678);
            assertThat(p.getTargetPort()).isEqualTo(new IntOrString(5678));
        });

        assertThat(cluster.client.apps().deployments().inNamespace(ns).withName("echo").get()).isNull();
        assertThat(cluster.client.services().inNamespace(ns).withName("echo").get()).isNull();
        assertThat(cluster.client.apps().deployments().inNamespace(ns).withName("web").get()).isNotNull();
    }

    @Test
    void methodResourcesGoInReverseOrderBeforeTheClassNamespace(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(ClassAndMethodResourcesTestCase.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        String ns = EngineRuns.entry(results, ClassAndMethodResourcesTestCase.class, "k8snet.namespace");
        assertThat(cluster.deletions()).containsExactly(
                "DELETE /api/v1/namespaces/" + ns + "/services/echo",
                "DELETE /apis/apps/v1/namespaces/" + ns + "/deployments/echo",
                "DELETE /api/v1/namespaces/" + ns);
        assertThat(cluster.namespaces()).isEmpty();
    }

    @EngineTestKitOnly
    @K8sNetTest
    @WithDeployment(name = "outer", image = "nginx:1.27")
    static class EnclosingTestCase {
        @Test
        void outerTest(@TestNamespace String namespace, TestReporter reporter) {
            reporter.publishEntry("outer.namespace", namespace);
        }

        @Nested
        @WithDeployment(name = "inner", image = "nginx:1.27")
        class InnerTestCase {
            @Test
            void innerTest(@TestNamespace String namespace, KubernetesClient client, TestReporter reporter) {
                reporter.publishEntry("inner.namespace", namespace);
                reporter.publishEntry("inner.sees", client.apps().deployments().inNamespace(namespace).list().getItems()
                        .stream().map(d -> d.getMetadata().getName()).sorted().toList().toString());
            }
        }
    }

    @Test
    void nestedClassSharesTheNamespaceAndRemovesItsOwnResourcesAfterIt(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(EnclosingTestCase.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.succeeded(2));
        String ns = EngineRuns.entry(results, EnclosingTestCase.class, "k8snet.namespace");
        assertThat(EngineRuns.entries(results, "k8snet.namespace")).as("only the enclosing class opens a namespace")
                .containsExactly(ns);
        assertThat(EngineRuns.entries(results, "outer.namespace")).containsExactly(ns);
        assertThat(EngineRuns.entries(results, "inner.namespace")).containsExactly(ns);
        assertThat(EngineRuns.entries(results, "inner.sees")).containsExactly("[inner, outer]");
        assertThat(cluster.deletions()).containsExactly(
                "DELETE /apis/apps/v1/namespaces/" + ns + "/deployments/inner",
                "DELETE /api/v1/namespaces/" + ns);
    }
}
