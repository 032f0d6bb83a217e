package io.k8snettest.examples.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.LoadImage;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.api.WithDeployment.PullPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Bad-input catalogue, images that are neither loaded nor pullable, on the real cluster: each fails
 * fast, naming the image (or tarball) and how to load it, well before the 3m ready timeout.
 */
@Execution(ExecutionMode.CONCURRENT)
class ImageCatalogueTest {

    private static final Map<String, String> LONG_READY_TIMEOUT = Map.of(K8sNetTest.READY_TIMEOUT_KEY, "3m");

    @CatalogueCase
    @K8sNetTest
    @WithDeployment(name = "stay-home", image = "k8snet-examples/never-built:dev", port = 8080,
            imagePullPolicy = PullPolicy.NEVER)
    static class NeverPulledNotLoadedTestCase {
        @Test
        void test() {
        }
    }

    @CatalogueCase
    @K8sNetTest
    @LoadImage("target/never-built.tar")
    @WithDeployment(name = "hello", image = "k8snet-examples/never-built:dev", port = 8080)
    static class TarballNotBuiltTestCase {
        @Test
        void test() {
        }
    }

    @Test
    @DisplayName("bad input: imagePullPolicy NEVER for an image nobody loaded -> ErrImageNeverPull at once, naming the image and @LoadImage")
    void neverPulledAndNotLoaded(TestReporter reporter) {
        String message = Catalogue.run(reporter, NeverPulledNotLoadedTestCase.class, LONG_READY_TIMEOUT)
                .assertFailedWithin(Duration.ofSeconds(90));

        assertThat(message).contains("@WithDeployment(name=\"stay-home\")",
                        "container stay-home (image k8snet-examples/never-built:dev) cannot become Ready: ErrImageNeverPull",
                        "imagePullPolicy is Never and the node does not have the image",
                        "load it with @LoadImage or k8snet.images");
    }

    @Test
    @DisplayName("bad input: @LoadImage of a tarball that was not built -> fails before any workload, naming the path and jib:buildTar")
    void tarballNotBuilt(TestReporter reporter) {
        String message = Catalogue.run(reporter, TarballNotBuiltTestCase.class, LONG_READY_TIMEOUT)
                .assertFailedWithin(Duration.ofSeconds(30));

        assertThat(message).contains("@LoadImage(\"target/never-built.tar\") on ImageCatalogueTest.TarballNotBuiltTestCase: "
                        + Path.of("target/never-built.tar").toAbsolutePath() + " does not exist",
                "build the image first (e.g. jib:buildTar");
    }
}
