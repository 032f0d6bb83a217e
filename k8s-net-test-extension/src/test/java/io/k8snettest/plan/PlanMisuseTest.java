package io.k8snettest.plan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.Via;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.api.WithManifest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Every misuse is a configuration error naming the annotation, the element, the bad value and the fix. */
class PlanMisuseTest {

    private static final String LABEL_RULE = "allowed: lower-case letters, digits and '-', starting and ending with"
            + " a letter or digit, at most 63 characters";

    private static void assertMisuse(Class<?> testClass, String message) {
        assertThatThrownBy(() -> PlanReader.readClass(testClass, PlanReaderTest.NO_SETTINGS))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage(message);
    }

    private static void assertMethodMisuse(Class<?> testClass, String message) {
        assertThatThrownBy(() -> PlanReader.readMethod(testClass.getDeclaredMethod("test"), testClass,
                PlanReader.readClass(testClass, PlanReaderTest.NO_SETTINGS), PlanReaderTest.NO_SETTINGS))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage(message);
    }

    private static String on(Class<?> testClass) {
        return " on PlanMisuseTest." + testClass.getSimpleName();
    }

    // --- references -------------------------------------------------------------------------

    @WithDeployment(name = "my-nginx", image = "nginx", port = 80)
    @ExposeService(deployment = "nginx")
    static class UnknownDeployment {
    }

    @Test
    void unknownDeploymentListsTheDeclaredOnes() {
        assertMisuse(UnknownDeployment.class, "@ExposeService(deployment=\"nginx\")" + on(UnknownDeployment.class)
                + ": no deployment 'nginx' is declared; declared: [my-nginx] (from @WithDeployment or @WithManifest);"
                + " fix the name or declare the deployment");
    }

    @WithManifest("run-my-nginx.yaml")
    @WithDeployment(name = "web", image = "nginx", port = 80)
    @ExposeService(name = "web-svc", deployment = "web")
    @ExposeService(deployment = "my-nginx")
    @ReachableFrom(client = "load-generator", service = "nginx")
    static class UnknownService {
    }

    @Test
    void unknownServiceListsServicesFromAnnotationsAndManifests() {
        assertMisuse(UnknownService.class, "@ReachableFrom(client=\"load-generator\", service=\"nginx\")"
                + on(UnknownService.class) + ": no service 'nginx' is declared; declared: [web-svc, my-nginx] (from"
                + " @ExposeService or @WithManifest); fix the name or declare the service");
    }

    @WithManifest("nginx-with-service.yaml")
    @NotReachableFrom(service = "web")
    static class UnknownServiceInNegativeCheck {
    }

    @Test
    void unknownServiceInANegativeCheck() {
        assertMisuse(UnknownServiceInNegativeCheck.class, "@NotReachableFrom(service=\"web\")"
                + on(UnknownServiceInNegativeCheck.class) + ": no service 'web' is declared; declared: [web-svc] (from"
                + " @ExposeService or @WithManifest); fix the name or declare the service");
    }

    @WithManifest("expressions-only.yaml")
    @ExposeService(deployment = "picky", port = 80)
    static class NoMatchLabels {
    }

    @Test
    void manifestDeploymentWithoutMatchLabelsCannotBeExposed() {
        assertMisuse(NoMatchLabels.class, "@ExposeService(deployment=\"picky\")" + on(NoMatchLabels.class)
                + ": deployment 'picky' has no spec.selector.matchLabels to select its pods by; add matchLabels to"
                + " the deployment or declare the Service in a manifest");
    }

    @WithManifest("missing.yaml")
    static class MissingManifest {
    }

    @Test
    void missingManifest() {
        assertMisuse(MissingManifest.class, "@WithManifest(\"missing.yaml\")" + on(MissingManifest.class)
                + ": no such classpath resource or file 'missing.yaml' (looked in: classpath"
                + " io/k8snettest/plan/missing.yaml, classpath missing.yaml, file "
                + Path.of("missing.yaml").toAbsolutePath() + "); put the file under src/test/resources or give a path");
    }

    // --- duplicates -------------------------------------------------------------------------

    @WithDeployment(name = "web", image = "nginx")
    @WithDeployment(name = "web", image = "httpd")
    static class DuplicateDeployment {
    }

    @Test
    void twoDeploymentsWithOneName() {
        String origin = "@WithDeployment(name=\"web\")" + on(DuplicateDeployment.class);
        assertMisuse(DuplicateDeployment.class, origin + ": name=\"web\" is already declared by " + origin
                + "; a Deployment name must be unique in the test's namespace (class, enclosing classes and method"
                + " together); rename one of them");
    }

    @WithManifest("run-my-nginx.yaml")
    @WithDeployment(name = "my-nginx", image = "nginx")
    static class DeploymentAlsoInManifest {
    }

    @Test
    void annotationDeploymentClashesWithAManifestDeployment() {
        assertMisuse(DeploymentAlsoInManifest.class, "@WithDeployment(name=\"my-nginx\")"
                + on(DeploymentAlsoInManifest.class) + ": name=\"my-nginx\" is already declared by Deployment"
                + " \"my-nginx\" in @WithManifest(\"run-my-nginx.yaml\")" + on(DeploymentAlsoInManifest.class)
                + "; a Deployment name must be unique in the test's namespace (class, enclosing classes and method"
                + " together); rename one of them");
    }

    @WithManifest({"run-my-nginx.yaml", "classpath:io/k8snettest/plan/run-my-nginx.yaml"})
    static class SameManifestTwice {
    }

    @Test
    void twoManifestsDeclaringOneObject() {
        String resolved = SameManifestTwice.class.getClassLoader().getResource("io/k8snettest/plan/run-my-nginx.yaml")
                .toString();
        assertMisuse(SameManifestTwice.class, "@WithManifest(\"classpath:io/k8snettest/plan/run-my-nginx.yaml\")"
                + on(SameManifestTwice.class) + ": Deployment \"my-nginx\" in " + resolved + " is already declared by"
                + " Deployment \"my-nginx\" in @WithManifest(\"run-my-nginx.yaml\")" + on(SameManifestTwice.class)
                + "; a Deployment name must be unique in the test's namespace (class, enclosing classes and method"
                + " together); rename one of them");
    }

    @WithManifest("nginx-with-service.yaml")
    @WithDeployment(name = "api", image = "nginx", port = 80)
    @ExposeService(name = "web-svc", deployment = "api")
    static class DuplicateService {
    }

    @Test
    void serviceNameAlreadyDeclaredByAManifest() {
        assertMisuse(DuplicateService.class, "@ExposeService(name=\"web-svc\", deployment=\"api\")"
                + on(DuplicateService.class) + ": name=\"web-svc\" is already declared by Service \"web-svc\" in"
                + " @WithManifest(\"nginx-with-service.yaml\")" + on(DuplicateService.class) + "; a Service name must"
                + " be unique in the test's namespace (class, enclosing classes and method together); rename one of"
                + " them");
    }

    @WithDeployment(name = "web", image = "nginx", port = 80)
    static class MethodRedeclares {
        @WithDeployment(name = "web", image = "nginx", port = 80)
        void test() {
        }
    }

    @Test
    void methodRedeclaringAClassDeploymentIsADuplicate() {
        assertMethodMisuse(MethodRedeclares.class, "@WithDeployment(name=\"web\") on"
                + " PlanMisuseTest.MethodRedeclares.test(): name=\"web\" is already declared by"
                + " @WithDeployment(name=\"web\")" + on(MethodRedeclares.class) + "; a Deployment name must be unique"
                + " in the test's namespace (class, enclosing classes and method together); rename one of them");
    }

    @WithDeployment(name = "web", image = "nginx", port = 80)
    static class Outer {
        @Nested
        @WithDeployment(name = "web", image = "httpd", port = 80)
        class Inner {
        }
    }

    @Test
    void nestedClassRedeclaringAnEnclosingDeploymentIsADuplicate() {
        assertMisuse(Outer.Inner.class, "@WithDeployment(name=\"web\") on PlanMisuseTest.Outer.Inner: name=\"web\" is"
                + " already declared by @WithDeployment(name=\"web\") on PlanMisuseTest.Outer; a Deployment name must"
                + " be unique in the test's namespace (class, enclosing classes and method together); rename one of"
                + " them");
    }

    // --- @WithDeployment values -------------------------------------------------------------

    @WithDeployment(name = "My_Nginx", image = "nginx")
    static class BadDeploymentName {
    }

    @Test
    void deploymentNameMustBeADnsLabel() {
        assertMisuse(BadDeploymentName.class, "@WithDeployment(name=\"My_Nginx\")" + on(BadDeploymentName.class)
                + ": name=\"My_Nginx\" is not a valid DNS-1123 label; " + LABEL_RULE + "; rename it");
    }

    @WithDeployment(name = "web", image = " ")
    static class EmptyImage {
    }

    @WithDeployment(name = "web", image = "nginx 1.27")
    static class ImageWithSpace {
    }

    @Test
    void imageMustBeGivenWithoutWhitespace() {
        assertMisuse(EmptyImage.class, "@WithDeployment(name=\"web\")" + on(EmptyImage.class)
                + ": image=\" \" is empty; give a container image, e.g. \"nginx:1.27\"");
        assertMisuse(ImageWithSpace.class, "@WithDeployment(name=\"web\")" + on(ImageWithSpace.class)
                + ": image=\"nginx 1.27\" contains whitespace; remove the whitespace");
    }

    @WithDeployment(name = "web", image = "nginx", replicas = -1)
    static class NegativeReplicas {
    }

    @Test
    void replicasMustNotBeNegative() {
        assertMisuse(NegativeReplicas.class, "@WithDeployment(name=\"web\")" + on(NegativeReplicas.class)
                + ": replicas=-1 is negative; allowed: 0 or more; fix replicas");
    }

    @WithDeployment(name = "web", image = "nginx", port = {80, 70000})
    static class PortOutOfRange {
    }

    @WithDeployment(name = "web", image = "nginx", port = {80, 80})
    static class PortTwice {
    }

    @Test
    void containerPortsMustBeValidAndDistinct() {
        assertMisuse(PortOutOfRange.class, "@WithDeployment(name=\"web\")" + on(PortOutOfRange.class)
                + ": port=70000 is out of range; allowed: 1 to 65535; fix port");
        assertMisuse(PortTwice.class, "@WithDeployment(name=\"web\")" + on(PortTwice.class)
                + ": port=80 is listed twice; list each container port once");
    }

    @WithDeployment(name = "web", image = "nginx", labels = "run")
    static class LabelWithoutValue {
    }

    @WithDeployment(name = "web", image = "nginx", labels = "run me=web")
    static class BadLabelKey {
    }

    @WithDeployment(name = "web", image = "nginx", labels = "run=-web")
    static class BadLabelValue {
    }

    @Test
    void labelsMustBeValidKeyValuePairs() {
        String origin = "@WithDeployment(name=\"web\")";
        assertMisuse(LabelWithoutValue.class, origin + on(LabelWithoutValue.class)
                + ": labels=\"run\" is not key=value; write e.g. \"run=my-nginx\"");
        assertMisuse(BadLabelKey.class, origin + on(BadLabelKey.class) + ": labels=\"run me=web\" has an invalid"
                + " label key 'run me'; allowed: an optional DNS subdomain prefix and '/', then at most 63 letters,"
                + " digits, '-', '_' or '.', starting and ending with a letter or digit; fix the key");
        assertMisuse(BadLabelValue.class, origin + on(BadLabelValue.class) + ": labels=\"run=-web\" has an invalid"
                + " label value '-web'; allowed: empty, or at most 63 letters, digits, '-', '_' or '.', starting and"
                + " ending with a letter or digit; fix the value");
    }

    @WithDeployment(name = "web", image = "nginx", env = "MODE")
    static class EnvWithoutValue {
    }

    @WithDeployment(name = "web", image = "nginx", env = "1MODE=x")
    static class BadEnvName {
    }

    @Test
    void envMustBeNameValuePairs() {
        String origin = "@WithDeployment(name=\"web\")";
        assertMisuse(EnvWithoutValue.class, origin + on(EnvWithoutValue.class)
                + ": env=\"MODE\" is not NAME=value; write e.g. \"MY_VAR=value\"");
        assertMisuse(BadEnvName.class, origin + on(BadEnvName.class) + ": env=\"1MODE=x\" has an invalid variable"
                + " name '1MODE'; allowed: letters, digits, '_', '-' and '.', not starting with a digit; rename the"
                + " variable");
    }

    // --- @ExposeService values --------------------------------------------------------------

    @WithDeployment(name = "worker", image = "busybox")
    @ExposeService(deployment = "worker")
    static class NoPortToDefaultTo {
    }

    @Test
    void portIsNeededWhenTheDeploymentDeclaresNone() {
        assertMisuse(NoPortToDefaultTo.class, "@ExposeService(deployment=\"worker\")" + on(NoPortToDefaultTo.class)
                + ": port is omitted and deployment 'worker' declares no container port to default to; set port=");
    }

    @WithDeployment(name = "web", image = "nginx", port = 80)
    @ExposeService(deployment = "web", targetPort = 8080)
    static class TargetPortWithoutPort {
    }

    @Test
    void targetPortNeedsPort() {
        assertMisuse(TargetPortWithoutPort.class, "@ExposeService(deployment=\"web\")" + on(TargetPortWithoutPort.class)
                + ": targetPort=8080 is set without port; set port= (the service port) as well, or omit targetPort");
    }

    @WithDeployment(name = "web", image = "nginx", port = 80)
    @ExposeService(deployment = "web", port = 0)
    static class ServicePortZero {
    }

    @WithDeployment(name = "web", image = "nginx", port = 80)
    @ExposeService(deployment = "web", port = 80, targetPort = 65536)
    static class TargetPortOutOfRange {
    }

    @Test
    void servicePortsMustBeInRange() {
        assertMisuse(ServicePortZero.class, "@ExposeService(deployment=\"web\")" + on(ServicePortZero.class)
                + ": port=0 is out of range; allowed: 1 to 65535; fix port");
        assertMisuse(TargetPortOutOfRange.class, "@ExposeService(deployment=\"web\")" + on(TargetPortOutOfRange.class)
                + ": targetPort=65536 is out of range; allowed: 1 to 65535; fix targetPort");
    }

    @WithDeployment(name = "9web", image = "nginx", port = 80)
    @ExposeService(deployment = "9web")
    static class DefaultServiceNameInvalid {
    }

    @WithDeployment(name = "web", image = "nginx", port = 80)
    @ExposeService(name = "Web", deployment = "web")
    static class ServiceNameInvalid {
    }

    @Test
    void serviceNamesMustBeDns1035Labels() {
        String rule = "allowed: lower-case letters, digits and '-', starting with a letter and ending with a letter"
                + " or digit, at most 63 characters; set name= to a valid service name";
        assertMisuse(DefaultServiceNameInvalid.class, "@ExposeService(deployment=\"9web\")"
                + on(DefaultServiceNameInvalid.class) + ": name (defaulting to deployment \"9web\")=\"9web\" is not a"
                + " valid service name (DNS-1035 label); " + rule);
        assertMisuse(ServiceNameInvalid.class, "@ExposeService(name=\"Web\", deployment=\"web\")"
                + on(ServiceNameInvalid.class) + ": name=\"Web\" is not a valid service name (DNS-1035 label); "
                + rule);
    }

    // --- @ReachableFrom / @NotReachableFrom values -------------------------------------------

    /** Our annotations are not {@code @Inherited}, so the shared deployment comes as a composed annotation. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @WithDeployment(name = "web", image = "nginx", port = 80)
    @ExposeService(deployment = "web")
    @interface WebService {
    }

    @WebService
    @ReachableFrom(service = "web", protocol = ProbeProtocol.TCP, expectBody = "Welcome")
    static class BodyOnTcp {
    }

    @WebService
    @ReachableFrom(service = "web", protocol = ProbeProtocol.TCP, expectStatus = 404)
    static class StatusOnTcp {
    }

    @WebService
    @NotReachableFrom(service = "web", path = "/admin")
    static class PathOnTcp {
    }

    @Test
    void httpExpectationsOnATcpProbe() {
        assertMisuse(BodyOnTcp.class, "@ReachableFrom(service=\"web\")" + on(BodyOnTcp.class) + ": expectBody="
                + "\"Welcome\" applies to HTTP only, but protocol=TCP; set protocol=HTTP or remove expectBody");
        assertMisuse(StatusOnTcp.class, "@ReachableFrom(service=\"web\")" + on(StatusOnTcp.class) + ": expectStatus=404"
                + " applies to HTTP only, but protocol=TCP; set protocol=HTTP or remove expectStatus");
        assertMisuse(PathOnTcp.class, "@NotReachableFrom(service=\"web\")" + on(PathOnTcp.class) + ": path=\"/admin\""
                + " applies to HTTP only, but protocol=TCP; set protocol=HTTP or remove path");
    }

    @WebService
    @ReachableFrom(service = "web", expectStatus = 999)
    static class BadStatus {
    }

    @WebService
    @ReachableFrom(service = "web", path = "healthz")
    static class RelativePath {
    }

    @Test
    void httpStatusAndPathMustBeValid() {
        assertMisuse(BadStatus.class, "@ReachableFrom(service=\"web\")" + on(BadStatus.class) + ": expectStatus=999 is"
                + " not an HTTP status; allowed: 100 to 599; fix expectStatus");
        assertMisuse(RelativePath.class, "@ReachableFrom(service=\"web\")" + on(RelativePath.class) + ": path="
                + "\"healthz\" does not start with '/'; write e.g. \"/healthz\"");
    }

    @WebService
    @ReachableFrom(service = "web", port = 8080)
    static class PortNotOnService {
    }

    @WebService
    @ReachableFrom(service = "web", port = 0)
    static class CheckPortZero {
    }

    @Test
    void checkedPortMustBeOneOfTheServicesPorts() {
        assertMisuse(PortNotOnService.class, "@ReachableFrom(service=\"web\")" + on(PortNotOnService.class)
                + ": port=8080 is not a port of service 'web'; allowed: [80]; fix port or omit it for the service's"
                + " first port");
        assertMisuse(CheckPortZero.class, "@ReachableFrom(service=\"web\")" + on(CheckPortZero.class)
                + ": port=0 is out of range; allowed: 1 to 65535; fix port");
    }

    @WebService
    @ReachableFrom(service = "web", existingPod = "toolbox", clientLabels = "role=admin")
    static class ExistingPodWithLabels {
    }

    @WebService
    @NotReachableFrom(service = "web", existingPod = "toolbox", clientNamespace = "other")
    static class ExistingPodWithNamespace {
    }

    @WebService
    @ReachableFrom(service = "web", existingPod = "toolbox", client = "load-generator")
    static class ExistingPodWithClient {
    }

    @Test
    void existingPodExcludesTheOtherClientAttributes() {
        assertMisuse(ExistingPodWithLabels.class, "@ReachableFrom(existingPod=\"toolbox\", service=\"web\")"
                + on(ExistingPodWithLabels.class) + ": existingPod=\"toolbox\" cannot be combined with clientLabels"
                + " (an existing pod keeps its own name, labels and namespace); remove clientLabels or existingPod");
        assertMisuse(ExistingPodWithNamespace.class, "@NotReachableFrom(existingPod=\"toolbox\", service=\"web\")"
                + on(ExistingPodWithNamespace.class) + ": existingPod=\"toolbox\" cannot be combined with"
                + " clientNamespace (an existing pod keeps its own name, labels and namespace); remove clientNamespace"
                + " or existingPod");
        assertMisuse(ExistingPodWithClient.class, "@ReachableFrom(client=\"load-generator\", existingPod=\"toolbox\","
                + " service=\"web\")" + on(ExistingPodWithClient.class) + ": existingPod=\"toolbox\" cannot be"
                + " combined with client (an existing pod keeps its own name, labels and namespace); remove client or"
                + " existingPod");
    }

    @WebService
    @ReachableFrom(service = "web", client = "Load_Generator")
    static class BadClientName {
    }

    @WebService
    @NotReachableFrom(service = "web", clientNamespace = "Other")
    static class BadClientNamespace {
    }

    @WebService
    @ReachableFrom(service = "web", clientLabels = "role")
    static class BadClientLabel {
    }

    @Test
    void clientIdentityMustBeValid() {
        assertMisuse(BadClientName.class, "@ReachableFrom(client=\"Load_Generator\", service=\"web\")"
                + on(BadClientName.class) + ": client=\"Load_Generator\" is not a valid DNS-1123 label; " + LABEL_RULE
                + "; rename it");
        assertMisuse(BadClientNamespace.class, "@NotReachableFrom(service=\"web\")" + on(BadClientNamespace.class)
                + ": clientNamespace=\"Other\" is not a valid DNS-1123 label; " + LABEL_RULE + "; rename it");
        assertMisuse(BadClientLabel.class, "@ReachableFrom(service=\"web\")" + on(BadClientLabel.class)
                + ": clientLabels=\"role\" is not key=value; write e.g. \"run=my-nginx\"");
    }

    @WebService
    @ReachableFrom(service = "web", timeout = "soon")
    static class BadTimeout {
    }

    @WebService
    @NotReachableFrom(service = "web", stabilityWindow = "-5s")
    static class BadWindow {
    }

    @Test
    void durationsMustParse() {
        assertMisuse(BadTimeout.class, "@ReachableFrom(service=\"web\")" + on(BadTimeout.class) + ": timeout is not a"
                + " duration: 'soon'; write e.g. 500ms, 30s, 2m, 1h or PT30S");
        assertMisuse(BadWindow.class, "@NotReachableFrom(service=\"web\")" + on(BadWindow.class) + ": stabilityWindow"
                + " is not a duration: '-5s'; write e.g. 500ms, 30s, 2m, 1h or PT30S");
    }

    @WebService
    @NotReachableFrom(service = "web", client = "outsider", controlClient = "outsider")
    static class ControlIsTheBlockedClient {
    }

    @Test
    void controlClientMustNotBeTheBlockedClient() {
        assertMisuse(ControlIsTheBlockedClient.class, "@NotReachableFrom(client=\"outsider\", service=\"web\")"
                + on(ControlIsTheBlockedClient.class) + ": controlClient=\"outsider\" is the client that must not"
                + " reach the service; name a client that may reach it, or omit controlClient for a port-forward"
                + " control");
    }

    // --- contradictions ---------------------------------------------------------------------

    @WebService
    @ReachableFrom(service = "web", client = "c")
    @NotReachableFrom(service = "web", client = "c", port = 80)
    static class Contradiction {
    }

    @Test
    void reachableAndNotReachableForTheSameTarget() {
        assertMisuse(Contradiction.class, "@NotReachableFrom(client=\"c\", service=\"web\")" + on(Contradiction.class)
                + ": contradicts @ReachableFrom(client=\"c\", service=\"web\")" + on(Contradiction.class) + ": both"
                + " probe service 'web' port 80 via CLUSTER_IP from c, one expecting it reachable and one not; remove"
                + " one of them or change its client, service or port");
    }

    @WebService
    @ReachableFrom(service = "web")
    static class ContradictionAcrossScopes {
        @NotReachableFrom(service = "web")
        void test() {
        }
    }

    @Test
    void methodCheckContradictingAClassCheck() {
        assertMethodMisuse(ContradictionAcrossScopes.class, "@NotReachableFrom(service=\"web\") on"
                + " PlanMisuseTest.ContradictionAcrossScopes.test(): contradicts @ReachableFrom(service=\"web\")"
                + on(ContradictionAcrossScopes.class) + ": both probe service 'web' port 80 via CLUSTER_IP from probe,"
                + " one expecting it reachable and one not; remove one of them or change its client, service or"
                + " port");
    }

    @WebService
    @ReachableFrom(service = "web", via = Via.DNS)
    @ReachableFrom(service = "web", via = Via.EACH_ENDPOINT)
    @NotReachableFrom(service = "web", clientLabels = "role=x", client = "other")
    @NotReachableFrom(service = "web", clientNamespace = "other")
    static class NotAContradiction {
    }

    @Test
    void differentClientIsNoContradiction() {
        org.assertj.core.api.Assertions.assertThat(
                PlanReader.readClass(NotAContradiction.class, PlanReaderTest.NO_SETTINGS).checks()).hasSize(4);
    }

    @WebService
    @ReachableFrom(service = "web", client = "c", clientLabels = "role=a")
    @NotReachableFrom(service = "web", client = "c", clientLabels = "role=b", via = Via.DNS)
    static class ClientWithTwoIdentities {
    }

    @Test
    void oneClientNameWithTwoSetsOfLabels() {
        assertMisuse(ClientWithTwoIdentities.class, "@NotReachableFrom(client=\"c\", service=\"web\")"
                + on(ClientWithTwoIdentities.class) + ": clientLabels={role=b} differ from the labels {role=a} that"
                + " @ReachableFrom(client=\"c\", service=\"web\")" + on(ClientWithTwoIdentities.class) + " gives"
                + " client 'c'; a client pod is created once and reused, so give it the same labels everywhere or use"
                + " another client name");
    }
}
