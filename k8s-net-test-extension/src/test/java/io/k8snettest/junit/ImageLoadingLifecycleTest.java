package io.k8snettest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.LoadImage;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.image.ImageTarballs;
import io.k8snettest.image.RecordingImageLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code @LoadImage} and {@code k8snet.images} through the whole lifecycle: loaded once per cluster
 * before the first workload, deployments of loaded images get {@code IfNotPresent}, and a cluster
 * that cannot take images fails the class at once, before anything is created.
 */
@ExtendWith(MockCluster.Extension.class)
class ImageLoadingLifecycleTest {

    static final String TARBALL = "target/test-images/app.tar";

    /** The cluster's loader, recording what it was asked to load. */
    static final RecordingImageLoader RECORDING = new RecordingImageLoader();
    static final List<List<String>> LOADS = RECORDING.loads;

    @BeforeAll
    static void buildTheTarball() throws Exception {
        ImageTarballs.dockerArchive(Path.of(TARBALL), "team/app:latest", "{\"built\":\"by the test\"}");
    }

    @EngineTestKitOnly
    @K8sNetTest
    @LoadImage(TARBALL)
    @WithDeployment(name = "app", image = "team/app:latest", port = 8080)
    @WithDeployment(name = "upstream", image = "nginx:latest")
    static class LoadsTestCase {
        @Test
        void test() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @LoadImage(TARBALL)
    @WithDeployment(name = "again", image = "docker.io/team/app")
    static class LoadsTheSameTestCase {
        @Test
        void test() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    @WithDeployment(name = "from-setting", image = "team/app")
    static class SettingOnlyTestCase {
        @Test
        void test() {
        }
    }

    private static Map<String, String> pullPolicies(MockCluster cluster) {
        return cluster.created(Deployment.class).stream().collect(java.util.stream.Collectors.toMap(
                d -> d.getMetadata().getName(),
                d -> String.valueOf(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy())));
    }

    @Test
    void loadedOncePerClusterAndNeverPulled(MockCluster cluster) {
        LOADS.clear();
        MockClusterProvider.useImageLoader(RECORDING);

        EngineExecutionResults results = cluster.run(LoadsTestCase.class, LoadsTheSameTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(LOADS).containsExactly(List.of("docker.io/team/app:latest"));
        assertThat(pullPolicies(cluster)).isEqualTo(Map.of("app", "IfNotPresent", "again", "IfNotPresent", "upstream", "null"));
    }

    @Test
    void theSettingLoadsForEveryClass(MockCluster cluster) {
        LOADS.clear();
        MockClusterProvider.useImageLoader(RECORDING);

        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.IMAGES_KEY, " " + TARBALL + " ,"), SettingOnlyTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(LOADS).containsExactly(List.of("docker.io/team/app:latest"));
        assertThat(pullPolicies(cluster)).isEqualTo(Map.of("from-setting", "IfNotPresent"));
    }

    @Test
    @DisplayName("bad input: @LoadImage on a cluster without an image loader fails the class before any workload")
    void clusterWithoutLoaderFailsAtOnce(MockCluster cluster) {
        long start = System.nanoTime();

        EngineExecutionResults results = cluster.run(LoadsTestCase.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(LoadsTestCase.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith("@LoadImage(\"" + TARBALL + "\") on ImageLoadingLifecycleTest.LoadsTestCase:"
                                + " the cluster (fabric8 mock server ") && m.contains("cannot take local images")
                                && m.contains("set k8snet.images.load-command")))));
        assertThat(cluster.created(Deployment.class)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @EngineTestKitOnly
    @K8sNetTest
    @LoadImage(" ")
    static class EmptyTestCase {
        @Test
        void test() {
        }
    }

    @Test
    @DisplayName("bad input: an empty @LoadImage")
    void emptyValue(MockCluster cluster) {
        MockClusterProvider.useImageLoader(RECORDING);

        EngineExecutionResults results = cluster.run(EmptyTestCase.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(EmptyTestCase.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("@LoadImage(\" \") on ImageLoadingLifecycleTest.EmptyTestCase: value is empty; give a tarball"
                                + " path (e.g. \"target/jib-image.tar\"), an OCI layout directory or docker://<reference>"))));
    }

    @EngineTestKitOnly
    @K8sNetTest
    static class ProgrammaticTestCase {
        @Test
        void loadsTwice(NetTest net) {
            net.loadImage(TARBALL);
            net.loadImage("./" + TARBALL);
        }

        @Test
        void missing(NetTest net) {
            net.loadImage("target/test-images/missing.tar");
        }
    }

    @Test
    void netTestLoadsProgrammaticallyOncePerImage(MockCluster cluster) {
        LOADS.clear();
        MockClusterProvider.useImageLoader(RECORDING);
        long start = System.nanoTime();

        EngineExecutionResults results = cluster.run(ProgrammaticTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(LOADS).containsExactly(List.of("docker.io/team/app:latest"));
        results.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.startsWith("NetTest.loadImage(\"target/test-images/missing.tar\"): "
                        + Path.of("target/test-images/missing.tar").toAbsolutePath() + " does not exist")))));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
}
