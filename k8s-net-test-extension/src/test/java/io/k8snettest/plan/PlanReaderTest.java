package io.k8snettest.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.Via;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.api.WithManifest;
import io.k8snettest.config.Settings;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How annotations become plans; misuse is covered by {@link PlanMisuseTest}. */
class PlanReaderTest {

    static final Settings NO_SETTINGS = new Settings(key -> Optional.empty(), name -> null);

    @WithDeployment(name = "my-nginx", image = "nginx:1.27", replicas = 2, port = 80, labels = "run=my-nginx")
    @ExposeService(name = "my-nginx", deployment = "my-nginx", port = 80)
    @ReachableFrom(client = "load-generator", service = "my-nginx", expectBody = "<title>Welcome to nginx!</title>")
    static class ConnectingApplicationsCase {
    }

    @Test
    void readsTheReferenceScenarioDeclaredByAnnotations() {
        ResourcePlan plan = PlanReader.readClass(ConnectingApplicationsCase.class, NO_SETTINGS);

        String where = "PlanReaderTest.ConnectingApplicationsCase";
        assertThat(plan.manifests()).isEmpty();
        assertThat(plan.deployments()).containsExactly(new DeploymentSpec("my-nginx", "nginx:1.27", 2, List.of(80),
                Map.of("run", "my-nginx"), List.of(), List.of(), Map.of(),
                "@WithDeployment(name=\"my-nginx\") on " + where));
        assertThat(plan.services()).containsExactly(new ServiceSpec("my-nginx", "my-nginx",
                Map.of("run", "my-nginx"), 2, 80, 80, "TCP", "ClusterIP",
                "@ExposeService(name=\"my-nginx\", deployment=\"my-nginx\") on " + where));
        assertThat(plan.checks()).containsExactly(new ReachabilitySpec(true,
                ClientRef.probe(ClientSpec.named("load-generator").build()), "my-nginx", 80, Via.CLUSTER_IP,
                ProbeProtocol.HTTP, "/", 200, "<title>Welcome to nginx!</title>", Duration.ofSeconds(60),
                Duration.ofSeconds(10), null,
                "@ReachableFrom(client=\"load-generator\", service=\"my-nginx\") on " + where));
    }

    @WithManifest("run-my-nginx.yaml")
    @ExposeService(deployment = "my-nginx")
    static class SeedManifestCase {
    }

    @Test
    void exposesTheSeedManifestsDeploymentWithItsSelectorAndPort() {
        ResourcePlan plan = PlanReader.readClass(SeedManifestCase.class, NO_SETTINGS);

        assertThat(plan.manifests()).singleElement().satisfies(m -> {
            assertThat(m.location()).isEqualTo("run-my-nginx.yaml");
            assertThat(m.origin()).isEqualTo("@WithManifest(\"run-my-nginx.yaml\") on PlanReaderTest.SeedManifestCase");
            assertThat(m.resources()).hasSize(1);
        });
        assertThat(plan.deployments()).isEmpty();
        assertThat(plan.services()).containsExactly(new ServiceSpec("my-nginx", "my-nginx",
                Map.of("run", "my-nginx"), 2, 80, 80, "TCP", "ClusterIP",
                "@ExposeService(deployment=\"my-nginx\") on PlanReaderTest.SeedManifestCase"));
    }

    @WithDeployment(name = "web", image = "nginx")
    static class DefaultsCase {
    }

    @Test
    void deploymentDefaults() {
        assertThat(PlanReader.readClass(DefaultsCase.class, NO_SETTINGS).deployments()).containsExactly(
                new DeploymentSpec("web", "nginx", 1, List.of(), Map.of("app", "web"), List.of(), List.of(),
                        Map.of(), "@WithDeployment(name=\"web\") on PlanReaderTest.DefaultsCase"));
    }

    @WithDeployment(name = "echo", image = "busybox:1.36", port = {8080, 9090}, labels = {"app=echo", "tier=back"},
            command = {"sh", "-c"}, args = "httpd -f -p 8080", env = {"MODE=test", "URL=http://x/?a=b"})
    @ExposeService(name = "echo-admin", deployment = "echo", port = 9090, targetPort = 9090,
            protocol = ExposeService.Protocol.TCP, type = ExposeService.ServiceType.NODE_PORT)
    @ExposeService(deployment = "echo", port = 80, targetPort = 8080)
    static class FullDeploymentCase {
    }

    @Test
    void deploymentAndServiceAttributes() {
        ResourcePlan plan = PlanReader.readClass(FullDeploymentCase.class, NO_SETTINGS);

        DeploymentSpec echo = plan.deployments().get(0);
        assertThat(echo.ports()).containsExactly(8080, 9090);
        assertThat(echo.labels()).isEqualTo(Map.of("app", "echo", "tier", "back"));
        assertThat(echo.command()).containsExactly("sh", "-c");
        assertThat(echo.args()).containsExactly("httpd -f -p 8080");
        assertThat(echo.env()).isEqualTo(Map.of("MODE", "test", "URL", "http://x/?a=b"));
        assertThat(plan.services()).extracting(ServiceSpec::name, ServiceSpec::port, ServiceSpec::targetPort,
                        ServiceSpec::type, ServiceSpec::selector)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("echo-admin", 9090, 9090, "NodePort", echo.labels()),
                        org.assertj.core.groups.Tuple.tuple("echo", 80, 8080, "ClusterIP", echo.labels()));
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @WithDeployment(name = "my-nginx", image = "nginx:1.27", replicas = 2, port = 80, labels = "run=my-nginx")
    @ExposeService(deployment = "my-nginx")
    @interface NginxApp {
    }

    @NginxApp
    @WithDeployment(name = "other", image = "nginx")
    @ReachableFrom(service = "my-nginx")
    @ReachableFrom(service = "my-nginx", via = Via.DNS)
    static class ComposedCase {
    }

    @Test
    void composedAndRepeatedAnnotationsAreFound() {
        ResourcePlan plan = PlanReader.readClass(ComposedCase.class, NO_SETTINGS);

        assertThat(plan.deployments()).extracting(DeploymentSpec::name).containsExactlyInAnyOrder("my-nginx", "other");
        assertThat(plan.services()).extracting(ServiceSpec::name, ServiceSpec::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("my-nginx", 80));
        assertThat(plan.checks()).extracting(ReachabilitySpec::via).containsExactly(Via.CLUSTER_IP, Via.DNS);
        assertThat(plan.checks()).extracting(c -> c.client().spec().name()).containsOnly("probe");
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Inherited
    @WithDeployment(name = "base", image = "nginx", port = 80)
    @interface InheritedBase {
    }

    @InheritedBase
    abstract static class BaseCase {
    }

    @ExposeService(deployment = "base")
    static class SubclassCase extends BaseCase {
    }

    @Test
    void inheritedComposedAnnotationOnASuperclassIsFound() {
        ResourcePlan plan = PlanReader.readClass(SubclassCase.class, NO_SETTINGS);

        assertThat(plan.deployments()).extracting(DeploymentSpec::name).containsExactly("base");
        assertThat(plan.services()).extracting(ServiceSpec::name).containsExactly("base");
    }

    @WithManifest("nginx-with-service.yaml")
    @ReachableFrom(service = "web-svc")
    @ReachableFrom(service = "web-svc", port = 9090, protocol = ProbeProtocol.TCP)
    @NotReachableFrom(service = "web-svc", via = Via.EACH_ENDPOINT, clientLabels = "role=outsider",
            clientNamespace = "other", controlClient = "probe", stabilityWindow = "3s")
    static class ManifestServiceCase {
    }

    @Test
    void checksResolveServicesFromManifestsAndTheirFirstPort() {
        ResourcePlan plan = PlanReader.readClass(ManifestServiceCase.class, NO_SETTINGS);

        assertThat(plan.checks()).extracting(ReachabilitySpec::expectReachable, ReachabilitySpec::port,
                        ReachabilitySpec::protocol, ReachabilitySpec::via)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, 8080, ProbeProtocol.HTTP, Via.CLUSTER_IP),
                        org.assertj.core.groups.Tuple.tuple(true, 9090, ProbeProtocol.TCP, Via.CLUSTER_IP),
                        org.assertj.core.groups.Tuple.tuple(false, 8080, ProbeProtocol.TCP, Via.EACH_ENDPOINT));
        ReachabilitySpec negative = plan.checks().get(2);
        assertThat(negative.client()).isEqualTo(ClientRef.probe(
                ClientSpec.named("probe").label("role", "outsider").inNamespace("other").build()));
        assertThat(negative.controlClient()).isEqualTo("probe");
        assertThat(negative.stabilityWindow()).isEqualTo(Duration.ofSeconds(3));
        assertThat(negative.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(negative.expectStatus()).isZero();
        assertThat(negative.expectBody()).isEmpty();
        assertThat(negative.origin()).isEqualTo("@NotReachableFrom(service=\"web-svc\") on"
                + " PlanReaderTest.ManifestServiceCase");
    }

    @WithDeployment(name = "my-nginx", image = "nginx", port = 80)
    @ExposeService(deployment = "my-nginx")
    @ReachableFrom(service = "my-nginx", existingPod = "toolbox")
    static class TimeoutsCase {
        @ReachableFrom(service = "my-nginx", timeout = "5s")
        @NotReachableFrom(client = "outsider", service = "my-nginx")
        void method() {
        }
    }

    @Test
    void timeoutsComeFromTheAnnotationThenTheSettings() throws NoSuchMethodException {
        Settings settings = new Settings(key -> Optional.ofNullable(Map.of("k8snet.timeout.probe", "30s").get(key)),
                Map.of("K8SNET_STABILITY_WINDOW", "2m")::get);

        ResourcePlan classPlan = PlanReader.readClass(TimeoutsCase.class, settings);
        ResourcePlan methodPlan = PlanReader.readMethod(TimeoutsCase.class.getDeclaredMethod("method"),
                TimeoutsCase.class, classPlan, settings);

        assertThat(classPlan.checks()).singleElement().satisfies(c -> {
            assertThat(c.client()).isEqualTo(ClientRef.existing("toolbox"));
            assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(c.origin()).isEqualTo("@ReachableFrom(existingPod=\"toolbox\", service=\"my-nginx\") on"
                    + " PlanReaderTest.TimeoutsCase");
        });
        assertThat(methodPlan.createsNothing()).isTrue();
        assertThat(methodPlan.checks()).extracting(ReachabilitySpec::timeout, ReachabilitySpec::stabilityWindow)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Duration.ofSeconds(5), Duration.ofMinutes(2)),
                        org.assertj.core.groups.Tuple.tuple(Duration.ofSeconds(30), Duration.ofMinutes(2)));
        assertThat(methodPlan.checks().get(1).origin()).isEqualTo("@NotReachableFrom(client=\"outsider\","
                + " service=\"my-nginx\") on PlanReaderTest.TimeoutsCase.method()");
    }

    @WithDeployment(name = "my-nginx", image = "nginx", port = 80)
    static class MethodResourcesCase {
        @WithManifest("run-my-nginx.yaml")
        void duplicate() {
        }

        @ExposeService(deployment = "my-nginx")
        @WithDeployment(name = "sidecar", image = "busybox")
        @ReachableFrom(service = "my-nginx")
        void own() {
        }
    }

    @Test
    void methodPlansHoldOnlyTheMethodsResourcesResolvedAgainstTheClass() throws NoSuchMethodException {
        ResourcePlan classPlan = PlanReader.readClass(MethodResourcesCase.class, NO_SETTINGS);
        Method own = MethodResourcesCase.class.getDeclaredMethod("own");

        ResourcePlan methodPlan = PlanReader.readMethod(own, MethodResourcesCase.class, classPlan, NO_SETTINGS);

        assertThat(methodPlan.deployments()).extracting(DeploymentSpec::name).containsExactly("sidecar");
        assertThat(methodPlan.services()).singleElement().satisfies(s -> {
            assertThat(s.deployment()).isEqualTo("my-nginx");
            assertThat(s.origin()).isEqualTo("@ExposeService(deployment=\"my-nginx\") on"
                    + " PlanReaderTest.MethodResourcesCase.own()");
        });
        assertThat(methodPlan.checks()).extracting(ReachabilitySpec::port).containsExactly(80);
    }

    @WithDeployment(name = "outer-app", image = "nginx", port = 80)
    @ExposeService(deployment = "outer-app")
    @WithManifest("nginx-with-service.yaml")
    static class OuterCase {

        @Nested
        @WithDeployment(name = "inner-app", image = "nginx", port = 8080)
        @ExposeService(name = "outer-again", deployment = "outer-app", port = 81, targetPort = 80)
        @ReachableFrom(service = "outer-app")
        class InnerCase {

            @WithManifest("run-my-nginx.yaml")
            @ReachableFrom(service = "outer-app", protocol = ProbeProtocol.TCP)
            void method() {
            }

            @Nested
            @ExposeService(deployment = "inner-app")
            class InnermostCase {
                @ReachableFrom(service = "inner-app")
                @ReachableFrom(service = "outer-again")
                void method() {
                }
            }
        }
    }

    @Test
    void nestedClassesSeeTheEnclosingResourcesButPlanOnlyTheirOwn() throws NoSuchMethodException {
        ResourcePlan inner = PlanReader.readClass(OuterCase.InnerCase.class, NO_SETTINGS);
        ResourcePlan innermost = PlanReader.readClass(OuterCase.InnerCase.InnermostCase.class, NO_SETTINGS);
        ResourcePlan method = PlanReader.readMethod(
                OuterCase.InnerCase.InnermostCase.class.getDeclaredMethod("method"),
                OuterCase.InnerCase.InnermostCase.class, innermost, NO_SETTINGS);

        assertThat(inner.deployments()).extracting(DeploymentSpec::name).containsExactly("inner-app");
        assertThat(inner.services()).extracting(ServiceSpec::name).containsExactly("outer-again");
        assertThat(inner.checks()).extracting(ReachabilitySpec::origin)
                .containsExactly("@ReachableFrom(service=\"outer-app\") on PlanReaderTest.OuterCase.InnerCase");
        assertThat(innermost.deployments()).isEmpty();
        assertThat(innermost.services()).extracting(ServiceSpec::name, ServiceSpec::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("inner-app", 8080));
        assertThat(method.checks()).extracting(ReachabilitySpec::service, ReachabilitySpec::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("inner-app", 8080),
                        org.assertj.core.groups.Tuple.tuple("outer-again", 81));
    }

    @Test
    void aClassPlanThatAlreadyHoldsItsEnclosingResourcesIsNotADuplicate() throws NoSuchMethodException {
        ResourcePlan outer = PlanReader.readClass(OuterCase.class, NO_SETTINGS);
        ResourcePlan inner = PlanReader.readClass(OuterCase.InnerCase.class, NO_SETTINGS);
        ResourcePlan merged = new ResourcePlan(concat(outer.manifests(), inner.manifests()),
                concat(outer.deployments(), inner.deployments()), concat(outer.services(), inner.services()),
                inner.checks());
        Method method = OuterCase.InnerCase.class.getDeclaredMethod("method");

        ResourcePlan plan = PlanReader.readMethod(method, OuterCase.InnerCase.class, merged, NO_SETTINGS);

        assertThat(plan.checks()).extracting(ReachabilitySpec::service, ReachabilitySpec::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("outer-app", 80));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
