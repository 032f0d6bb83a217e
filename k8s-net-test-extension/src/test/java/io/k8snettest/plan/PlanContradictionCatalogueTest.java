package io.k8snettest.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.Via;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.api.WithManifest;
import io.k8snettest.config.Settings;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Bad-input catalogue of plan-time contradictions: each is rejected while planning (no cluster
 * exists yet), fast, with a message naming the annotation or setting, the element, the value and
 * the fix. The counterparts that look alike but are fine are accepted.
 */
class PlanContradictionCatalogueTest {

    /** Planning is pure; a generous bound that still tells a rejection from a wait. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Settings NO_SETTINGS = PlanReaderTest.NO_SETTINGS;

    private static void assertRejected(ThrowingCallable planning, String message) {
        long start = System.nanoTime();
        assertThatThrownBy(planning).isInstanceOf(ExtensionConfigurationException.class).hasMessage(message);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to the verdict").isLessThan(BOUND);
    }

    private static ThrowingCallable readClass(Class<?> testClass) {
        return () -> PlanReader.readClass(testClass, NO_SETTINGS);
    }

    private static ThrowingCallable readMethod(Class<?> testClass, String name) {
        return () -> {
            Method method = testClass.getDeclaredMethod(name);
            PlanReader.readMethod(method, testClass, PlanReader.readClass(testClass, NO_SETTINGS), NO_SETTINGS);
        };
    }

    private static String on(String where) {
        return " on PlanContradictionCatalogueTest." + where;
    }

    /** A served deployment "web" (port 80) and its service. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @WithDeployment(name = "web", image = "nginx", port = 80)
    @ExposeService(deployment = "web")
    @interface WebService {
    }

    // --- replicas=0 behind a check -------------------------------------------------------------

    @WithDeployment(name = "web", image = "nginx", port = 80, replicas = 0)
    @ExposeService(deployment = "web")
    @ReachableFrom(service = "web")
    static class ZeroReplicas {
    }

    private static final String ZERO_REPLICAS_REMEDY = "set replicas to 1 or more, or remove the check (a service"
            + " without pods answers no one)";

    @Test
    @DisplayName("bad input: @ReachableFrom on a service whose @WithDeployment has replicas=0")
    void positiveCheckOnZeroReplicas() {
        assertRejected(readClass(ZeroReplicas.class), "@ReachableFrom(service=\"web\")" + on("ZeroReplicas")
                + ": service 'web' has no pod to answer on port 80: @WithDeployment(name=\"web\")" + on("ZeroReplicas")
                + " has replicas=0; " + ZERO_REPLICAS_REMEDY);
    }

    @WithManifest("idle-deployment.yaml")
    @ReachableFrom(client = "c", service = "idle")
    static class ZeroReplicasInAManifest {
    }

    @Test
    @DisplayName("bad input: @ReachableFrom on a manifest Service whose only Deployment has replicas: 0")
    void positiveCheckOnZeroReplicasFromAManifest() {
        String manifest = "@WithManifest(\"idle-deployment.yaml\")" + on("ZeroReplicasInAManifest");
        assertRejected(readClass(ZeroReplicasInAManifest.class), "@ReachableFrom(client=\"c\", service=\"idle\")"
                + on("ZeroReplicasInAManifest") + ": service 'idle' has no pod to answer on port 80: Deployment"
                + " \"idle\" in " + manifest + " has replicas=0; " + ZERO_REPLICAS_REMEDY);
    }

    @WithDeployment(name = "web", image = "nginx", port = 80, replicas = 0)
    @ExposeService(deployment = "web")
    static class ZeroReplicasMethodCheck {
        @ReachableFrom(service = "web", via = Via.EACH_ENDPOINT)
        void test() {
        }
    }

    @Test
    @DisplayName("bad input: a method's @ReachableFrom on a class's service with replicas=0")
    void methodCheckOnZeroReplicas() {
        assertRejected(readMethod(ZeroReplicasMethodCheck.class, "test"), "@ReachableFrom(service=\"web\")"
                + on("ZeroReplicasMethodCheck.test()") + ": service 'web' has no pod to answer on port 80:"
                + " @WithDeployment(name=\"web\")" + on("ZeroReplicasMethodCheck") + " has replicas=0; "
                + ZERO_REPLICAS_REMEDY);
    }

    @WithDeployment(name = "web", image = "nginx", port = 80, replicas = 0)
    @ExposeService(deployment = "web")
    @NotReachableFrom(service = "web")
    static class ZeroReplicasNegativeCheck {
    }

    @Test
    @DisplayName("bad input: @NotReachableFrom on a service with replicas=0 (its positive control cannot pass)")
    void negativeCheckOnZeroReplicas() {
        assertRejected(readClass(ZeroReplicasNegativeCheck.class), "@NotReachableFrom(service=\"web\")"
                + on("ZeroReplicasNegativeCheck") + ": service 'web' has no pod to answer on port 80:"
                + " @WithDeployment(name=\"web\")" + on("ZeroReplicasNegativeCheck") + " has replicas=0; set replicas"
                + " to 1 or more (the positive control of a negative check needs a pod that serves, or \"blocked\""
                + " would prove nothing), or remove the check");
    }

    @WithManifest({"idle-deployment.yaml", "idle-deployment-and-statefulset.yaml"})
    @ReachableFrom(service = "idle")
    static class ZeroReplicasButAStatefulSet {
    }

    @WithDeployment(name = "web", image = "nginx", port = 80, replicas = 0)
    @ExposeService(deployment = "web")
    static class ZeroReplicasWithoutChecks {
    }

    @Test
    void zeroReplicasWithoutAChecksOrWithOtherPodsIsAccepted() {
        assertThat(PlanReader.readClass(ZeroReplicasButAStatefulSet.class, NO_SETTINGS).checks()).hasSize(1);
        assertThat(PlanReader.readClass(ZeroReplicasWithoutChecks.class, NO_SETTINGS).services()).hasSize(1);
    }

    // --- the same pair expected reachable and not, by different paths ----------------------------

    private static final String CONTRADICTION_REMEDY = "remove one of them or change its client, service or port";
    private static final String SAME_PODS = " (every way of addressing a service reaches the same pods on the same"
            + " port)";

    @WebService
    @ReachableFrom(client = "c", service = "web", via = Via.DNS)
    @NotReachableFrom(client = "c", service = "web")
    static class ContradictionViaDifferentVia {
    }

    @Test
    @DisplayName("bad input: @ReachableFrom via DNS and @NotReachableFrom via CLUSTER_IP for the same pair")
    void contradictionThroughDifferentVia() {
        assertRejected(readClass(ContradictionViaDifferentVia.class), "@NotReachableFrom(client=\"c\", service=\"web\")"
                + on("ContradictionViaDifferentVia") + ": contradicts @ReachableFrom(client=\"c\", service=\"web\")"
                + on("ContradictionViaDifferentVia") + ": both probe service 'web' port 80 from c, one via DNS"
                + " expecting it reachable and one via CLUSTER_IP expecting it not reachable" + SAME_PODS + "; "
                + CONTRADICTION_REMEDY);
    }

    @WebService
    @NotReachableFrom(service = "web", via = Via.EACH_ENDPOINT)
    static class ContradictionMethodVsClass {
        @ReachableFrom(service = "web", port = 80)
        void test() {
        }
    }

    @Test
    @DisplayName("bad input: a method's @ReachableFrom contradicting the class's @NotReachableFrom via another Via")
    void contradictionBetweenMethodAndClassThroughDifferentVia() {
        assertRejected(readMethod(ContradictionMethodVsClass.class, "test"), "@ReachableFrom(service=\"web\")"
                + on("ContradictionMethodVsClass.test()") + ": contradicts @NotReachableFrom(service=\"web\")"
                + on("ContradictionMethodVsClass") + ": both probe service 'web' port 80 from probe, one via"
                + " EACH_ENDPOINT expecting it not reachable and one via CLUSTER_IP expecting it reachable"
                + SAME_PODS + "; " + CONTRADICTION_REMEDY);
    }

    @WebService
    @NotReachableFrom(service = "web", client = "a")
    @NotReachableFrom(service = "web", client = "b")
    @ReachableFrom(service = "web", client = "x")
    @ReachableFrom(service = "web", client = "b", via = Via.DNS)
    static class ContradictionAmongRepeated {
    }

    @Test
    @DisplayName("bad input: repeated annotations expecting the same pair reachable and not")
    void contradictionAmongRepeatedAnnotations() {
        assertRejected(readClass(ContradictionAmongRepeated.class), "@NotReachableFrom(client=\"b\", service=\"web\")"
                + on("ContradictionAmongRepeated") + ": contradicts @ReachableFrom(client=\"b\", service=\"web\")"
                + on("ContradictionAmongRepeated") + ": both probe service 'web' port 80 from b, one via DNS"
                + " expecting it reachable and one via CLUSTER_IP expecting it not reachable" + SAME_PODS + "; "
                + CONTRADICTION_REMEDY);
    }

    /** A composed annotation that isolates "web" from the default client. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @NotReachableFrom(service = "web", via = Via.DNS)
    @interface WebIsolated {
    }

    @WebService
    @ReachableFrom(service = "web")
    static class ContradictionThroughAMetaAnnotation {
        @WebIsolated
        void test() {
        }
    }

    @Test
    @DisplayName("bad input: a meta-annotated @NotReachableFrom contradicting a class's @ReachableFrom")
    void contradictionThroughAMetaAnnotation() {
        assertRejected(readMethod(ContradictionThroughAMetaAnnotation.class, "test"),
                "@NotReachableFrom(service=\"web\")" + on("ContradictionThroughAMetaAnnotation.test()")
                        + ": contradicts @ReachableFrom(service=\"web\")" + on("ContradictionThroughAMetaAnnotation")
                        + ": both probe service 'web' port 80 from probe, one via CLUSTER_IP expecting it reachable"
                        + " and one via DNS expecting it not reachable" + SAME_PODS + "; " + CONTRADICTION_REMEDY);
    }

    @WebService
    @ReachableFrom(service = "web", client = "c")
    static class Enclosing {
        @Nested
        @NotReachableFrom(service = "web", client = "c", via = Via.DNS)
        class Inner {
        }

        @Nested
        class InnerWithMethod {
            @NotReachableFrom(service = "web", client = "c")
            void test() {
            }
        }
    }

    @Test
    @DisplayName("bad input: a @Nested class's @NotReachableFrom contradicting its enclosing class's @ReachableFrom")
    void contradictionBetweenNestedAndEnclosingClass() {
        assertRejected(readClass(Enclosing.Inner.class), "@NotReachableFrom(client=\"c\", service=\"web\")"
                + on("Enclosing.Inner") + ": contradicts @ReachableFrom(client=\"c\", service=\"web\")" + on("Enclosing")
                + ": both probe service 'web' port 80 from c, one via CLUSTER_IP expecting it reachable and one via DNS"
                + " expecting it not reachable" + SAME_PODS + "; " + CONTRADICTION_REMEDY);
    }

    @Test
    @DisplayName("bad input: a nested class's method contradicting the enclosing class's check")
    void contradictionBetweenNestedMethodAndEnclosingClass() {
        assertRejected(readMethod(Enclosing.InnerWithMethod.class, "test"),
                "@NotReachableFrom(client=\"c\", service=\"web\")" + on("Enclosing.InnerWithMethod.test()")
                        + ": contradicts @ReachableFrom(client=\"c\", service=\"web\")" + on("Enclosing")
                        + ": both probe service 'web' port 80 via CLUSTER_IP from c, one expecting it reachable and"
                        + " one not; " + CONTRADICTION_REMEDY);
    }

    @WebService
    @ReachableFrom(service = "web", client = "c", via = Via.EACH_ENDPOINT)
    abstract static class BaseWithCheck {
    }

    @NotReachableFrom(service = "web", client = "c")
    static class SubclassContradictingItsBase extends BaseWithCheck {
    }

    @Test
    @DisplayName("bad input: a subclass's @NotReachableFrom contradicting the @ReachableFrom it inherits")
    void contradictionWithAnInheritedCheck() {
        assertRejected(readClass(SubclassContradictingItsBase.class), "@NotReachableFrom(client=\"c\", service=\"web\")"
                + on("SubclassContradictingItsBase") + ": contradicts @ReachableFrom(client=\"c\", service=\"web\")"
                + on("SubclassContradictingItsBase") + ": both probe service 'web' port 80 from c, one via"
                + " EACH_ENDPOINT expecting it reachable and one via CLUSTER_IP expecting it not reachable"
                + SAME_PODS + "; " + CONTRADICTION_REMEDY);
    }

    // --- probes of UDP ports -----------------------------------------------------------------------

    @WithDeployment(name = "dns", image = "busybox", port = 53)
    @ExposeService(deployment = "dns", protocol = ExposeService.Protocol.UDP)
    @ReachableFrom(service = "dns", protocol = ProbeProtocol.HTTP)
    static class HttpProbeOfAUdpPort {
    }

    @Test
    @DisplayName("bad input: an HTTP @ReachableFrom of an @ExposeService port declared UDP")
    void httpProbeOfAnExposedUdpPort() {
        assertRejected(readClass(HttpProbeOfAUdpPort.class), "@ReachableFrom(service=\"dns\")" + on("HttpProbeOfAUdpPort")
                + ": port (omitted: the service's first port, 53) of service 'dns' is UDP (@ExposeService(deployment="
                + "\"dns\")" + on("HttpProbeOfAUdpPort") + "), but probes speak TCP and HTTP only; check a TCP port of"
                + " the service (port=...), or declare the port with protocol TCP");
    }

    @WithManifest("udp-service.yaml")
    @NotReachableFrom(service = "dns", port = 53)
    static class TcpProbeOfAManifestUdpPort {
    }

    @Test
    @DisplayName("bad input: a (TCP) @NotReachableFrom of a manifest Service port declared UDP")
    void tcpProbeOfAManifestUdpPort() {
        assertRejected(readClass(TcpProbeOfAManifestUdpPort.class), "@NotReachableFrom(service=\"dns\")"
                + on("TcpProbeOfAManifestUdpPort") + ": port=53 of service 'dns' is UDP (Service \"dns\" in"
                + " @WithManifest(\"udp-service.yaml\")" + on("TcpProbeOfAManifestUdpPort") + "), but probes speak TCP"
                + " and HTTP only; check a TCP port of the service (port=...), or declare the port with protocol TCP");
    }

    @WithManifest("udp-service.yaml")
    @ReachableFrom(service = "dns", port = 8080, protocol = ProbeProtocol.TCP)
    @ReachableFrom(service = "dns", port = 5353, protocol = ProbeProtocol.TCP, client = "other")
    static class TcpPortsOfAServiceWithUdpPorts {
    }

    @Test
    void tcpPortsOfAServiceThatAlsoHasUdpPortsAreAccepted() {
        assertThat(PlanReader.readClass(TcpPortsOfAServiceWithUdpPorts.class, NO_SETTINGS).checks())
                .extracting(ReachabilitySpec::port).containsExactly(8080, 5353);
    }

    // --- @WithManifest({}) ---------------------------------------------------------------------------

    @WithManifest({})
    static class EmptyManifestList {
    }

    @WebService
    static class EmptyManifestListOnAMethod {
        @WithManifest(value = {}, awaitReady = false)
        void test() {
        }
    }

    private static final String EMPTY_MANIFEST = ": value={} names no manifest; give at least one classpath resource or"
            + " file path, or remove the annotation";

    @Test
    @DisplayName("bad input: @WithManifest({}) on a class")
    void emptyManifestListOnAClass() {
        assertRejected(readClass(EmptyManifestList.class), "@WithManifest()" + on("EmptyManifestList") + EMPTY_MANIFEST);
    }

    @Test
    @DisplayName("bad input: @WithManifest({}) on a method")
    void emptyManifestListOnAMethod() {
        assertRejected(readMethod(EmptyManifestListOnAMethod.class, "test"), "@WithManifest()"
                + on("EmptyManifestListOnAMethod.test()") + EMPTY_MANIFEST);
    }

    // --- image references ---------------------------------------------------------------------------

    private static ThrowingCallable withProbeImage(Map<String, String> parameters, Map<String, String> environment) {
        Settings settings = new Settings(key -> Optional.ofNullable(parameters.get(key)), environment::get);
        return () -> PlanReader.readClass(EmptyClass.class, settings);
    }

    static class EmptyClass {
    }

    @Test
    @DisplayName("bad input: k8snet.probe.image with whitespace")
    void probeImageWithWhitespace() {
        assertRejected(withProbeImage(Map.of(K8sNetTest.PROBE_IMAGE_KEY, "busybox 1.35.0"), Map.of()),
                "k8snet.probe.image (from configuration parameter 'k8snet.probe.image'): value=\"busybox 1.35.0\""
                        + " contains whitespace; remove the whitespace (the probe image needs sh, wget and nc)");
    }

    @Test
    @DisplayName("bad input: K8SNET_PROBE_IMAGE that is not an image reference")
    void probeImageThatIsNoReference() {
        assertRejected(withProbeImage(Map.of(), Map.of("K8SNET_PROBE_IMAGE", "BusyBox:1.35")),
                "k8snet.probe.image (from environment variable K8SNET_PROBE_IMAGE): value=\"BusyBox:1.35\" is not a"
                        + " container image reference; " + ImageReferences.RULE
                        + " (the probe image needs sh, wget and nc)");
        assertRejected(withProbeImage(Map.of(K8sNetTest.PROBE_IMAGE_KEY, "busybox::1.35"), Map.of()),
                "k8snet.probe.image (from configuration parameter 'k8snet.probe.image'): value=\"busybox::1.35\" is"
                        + " not a container image reference; " + ImageReferences.RULE
                        + " (the probe image needs sh, wget and nc)");
    }

    @WithDeployment(name = "web", image = "nginx:1.27:latest")
    static class DeploymentImageThatIsNoReference {
    }

    @Test
    @DisplayName("bad input: @WithDeployment image that is not an image reference")
    void deploymentImageThatIsNoReference() {
        assertRejected(readClass(DeploymentImageThatIsNoReference.class), "@WithDeployment(name=\"web\")"
                + on("DeploymentImageThatIsNoReference") + ": image=\"nginx:1.27:latest\" is not a container image"
                + " reference; " + ImageReferences.RULE);
    }

    @Test
    void imageReferencesAsRegistriesWriteThem() {
        assertThat(ImageReferences.problem("busybox")).isEmpty();
        assertThat(ImageReferences.problem("busybox:1.35.0")).isEmpty();
        assertThat(ImageReferences.problem("library/busybox:1.35.0")).isEmpty();
        assertThat(ImageReferences.problem("localhost:5000/team/busy_box-x.y:v1")).isEmpty();
        assertThat(ImageReferences.problem("127.0.0.1:5000/busybox@sha256:" + "a".repeat(64))).isEmpty();
        assertThat(ImageReferences.problem("mirror.local/busybox:1.35.0@sha256:" + "0".repeat(64))).isEmpty();
        assertThat(ImageReferences.problem("busybox:")).isPresent();
        assertThat(ImageReferences.problem("/busybox")).isPresent();
        assertThat(ImageReferences.problem("busybox@sha256:abc")).isPresent();
        assertThat(ImageReferences.problem("a/" + "b".repeat(260))).get()
                .extracting(ImageReferences.Problem::problem).isEqualTo("has a name longer than 255 characters");
    }
}
