package io.k8snettest.examples.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.LoadImage;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.examples.hello.HelloService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.TestNamespace;
import org.junit.jupiter.api.Test;

/**
 * A developer's loop: the examples' own service ({@link HelloService}, a few lines of Java) is built
 * into an image tarball by Jib in the same Maven run ({@code jib:buildTar} before the tests), loaded
 * into the cluster, deployed and reached through its ClusterIP. The image exists nowhere else: no
 * registry serves {@code k8snet-examples/hello}, so a pull would fail. Its tag is {@code latest},
 * which Kubernetes would pull {@code Always}; being loaded, it gets {@code IfNotPresent}.
 */
@K8sNetTest
@LoadImage(OwnImageTest.TARBALL)
@WithDeployment(name = "hello", image = OwnImageTest.IMAGE, port = HelloService.PORT)
@ExposeService(deployment = "hello", port = 80, targetPort = HelloService.PORT)
class OwnImageTest {

    /** Written by jib:buildTar (see this module's pom.xml); relative to the module directory. */
    static final String TARBALL = "target/jib-image.tar";
    static final String IMAGE = "k8snet-examples/hello:latest";

    @Test
    @ReachableFrom(client = "curious", service = "hello", expectBody = HelloService.GREETING)
    void clusterIpAnswersWhatTheCodeSays() {
        // The declared check runs after this body: HTTP from a probe pod to the ClusterIP, port 80.
    }

    @Test
    void theLoadedImageIsNeverPulled(NetTest net, KubernetesClient client, @TestNamespace String namespace) {
        assertThat(net.deployment("hello").readyReplicas()).isEqualTo(1);
        var container = client.apps().deployments().inNamespace(namespace).withName("hello").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(IMAGE);
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    }
}
