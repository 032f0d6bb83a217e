package io.k8snettest.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.cluster.ClusterHandle;
import io.k8snettest.cluster.ImageLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad image sources fail at once, naming the source, the absolute path and the fix; good ones are
 * loaded once per cluster and image, however often they are declared.
 */
class ImageSourceCatalogueTest {

    private static final Duration BOUND = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    static ClusterHandle cluster(ImageLoader loader) {
        return new ClusterHandle() {
            @Override
            public KubernetesClient client() {
                throw new UnsupportedOperationException("no client needed");
            }

            @Override
            public String description() {
                return "kubeconfig /tmp/kc (context dev), server https://127.0.0.1:6443";
            }

            @Override
            public Optional<ImageLoader> imageLoader() {
                return Optional.ofNullable(loader);
            }

            @Override
            public void close() {
            }
        };
    }

    private static ImageSource source(Path path) {
        return new ImageSource(path.toString(), "@LoadImage(\"" + path + "\") on MyTest");
    }

    private static String failure(ImageSource source, ClusterHandle cluster) {
        long start = System.nanoTime();
        ExtensionConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ExtensionConfigurationException.class,
                () -> new ClusterImages().load(List.of(source), cluster));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        return e.getMessage();
    }

    @Test
    void eachImageIsLoadedOncePerClusterHoweverOftenItIsDeclared() throws IOException {
        Path tar = ImageTarballs.dockerArchive(dir.resolve("app.tar"), "team/app:dev", "{\"a\":1}");
        Path sameImage = ImageTarballs.dockerArchive(dir.resolve("copy.tar"), "team/app:dev", "{\"a\":1}");
        RecordingImageLoader loader = new RecordingImageLoader();
        ClusterImages images = new ClusterImages();

        assertThat(images.load(List.of(source(tar)), cluster(loader))).containsExactly("docker.io/team/app:dev");
        images.load(List.of(source(tar), source(sameImage)), cluster(loader));

        assertThat(loader.loads).containsExactly(List.of("docker.io/team/app:dev"));
        assertThat(images.loaded()).containsExactly("docker.io/team/app:dev");
    }

    @Test
    void aLoadSaysWhatItLoadsHowBigAndHowLongAndARepeatIsOnlyDebug() throws IOException {
        Path tar = ImageTarballs.dockerArchive(dir.resolve("app.tar"), "team/app:dev", "{\"a\":1}");
        io.k8snettest.k8s.RecordingLogger log = new io.k8snettest.k8s.RecordingLogger(org.slf4j.event.Level.DEBUG);
        ClusterImages images = new ClusterImages(log);

        images.load(List.of(source(tar)), cluster(new RecordingImageLoader()));
        images.load(List.of(source(tar)), cluster(new RecordingImageLoader()));

        assertThat(log.at(org.slf4j.event.Level.INFO)).hasSize(2);
        assertThat(log.at(org.slf4j.event.Level.INFO).get(0)).startsWith("k8s-net-test: loading image [docker.io/team/app:dev] ("
                + tar).contains(" MB) into ");
        assertThat(log.at(org.slf4j.event.Level.INFO).get(1)).matches("k8s-net-test: image \\[docker.io/team/app:dev\\] loaded in \\d+\\.\\d s");
        assertThat(log.at(org.slf4j.event.Level.DEBUG)).singleElement().asString().contains("already loaded");
    }

    @Test
    void noSourcesNeedNoLoader() {
        assertThat(new ClusterImages().load(List.of(), cluster(null))).isEmpty();
    }

    @Test
    @DisplayName("bad input: a cluster without an image loader fails at once and says what to do")
    void clusterWithoutLoader() throws IOException {
        Path tar = ImageTarballs.dockerArchive(dir.resolve("app.tar"), "team/app:dev", "{}");

        assertThat(failure(source(tar), cluster(null)))
                .startsWith("@LoadImage(\"" + tar + "\") on MyTest: the cluster (kubeconfig /tmp/kc (context dev), server"
                        + " https://127.0.0.1:6443) cannot take local images")
                .contains("would end in ErrImagePull", "set k8snet.images.load-command", "{archive}",
                        "kind load image-archive {archive} --name <cluster>", "ctr --address <socket> -n k8s.io images import",
                        "push the image to a registry the nodes pull from");
    }

    @Test
    @DisplayName("bad input: a tarball that is not there names the absolute path and how to build it")
    void missingTarball() {
        ImageSource relative = new ImageSource("target/nothing-here.tar", "@LoadImage(\"target/nothing-here.tar\") on MyTest");

        assertThat(failure(relative, cluster(new RecordingImageLoader())))
                .startsWith("@LoadImage(\"target/nothing-here.tar\") on MyTest: "
                        + Path.of("target/nothing-here.tar").toAbsolutePath() + " does not exist")
                .contains("build the image first (e.g. jib:buildTar", "a relative path resolves against the working directory "
                        + Path.of("").toAbsolutePath());
    }

    @Test
    @DisplayName("bad input: a gzip-compressed tarball asks for the plain tar")
    void gzippedTarball() throws IOException {
        Path gz = dir.resolve("app.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(ImageTarballs.dockerArchive(dir.resolve("app.tar"), "app:1", "{}")));
        }

        assertThat(failure(source(gz), cluster(new RecordingImageLoader()))).contains(gz + " is gzip-compressed; give the"
                + " uncompressed tar (docker save and jib buildTar write one)");
    }

    @Test
    @DisplayName("bad input: a tar file without image metadata says which files it lacks")
    void tarWithoutImage() throws IOException {
        Path tar = ImageTarballs.write(dir.resolve("sources.tar"), Map.of("README.md", "hello"));

        assertThat(failure(source(tar), cluster(new RecordingImageLoader()))).contains(tar + " is no image tarball: it has"
                + " neither a docker-archive manifest.json nor an OCI index.json");
    }

    @Test
    @DisplayName("bad input: a file that is no tar at all")
    void notATar() throws IOException {
        Path file = Files.writeString(dir.resolve("app.jar"), "PK this is a zip");

        assertThat(failure(source(file), cluster(new RecordingImageLoader()))).contains(file.toString())
                .containsAnyOf("is not a readable tar file", "is no image tarball");
    }

    @Test
    @DisplayName("bad input: an image without a name cannot be referred to by a deployment")
    void unnamedImage() throws IOException {
        Path tar = ImageTarballs.ociArchive(dir.resolve("oci.tar"), "org.opencontainers.image.ref.name", "latest");

        assertThat(failure(source(tar), cluster(new RecordingImageLoader()))).contains(tar + " carries no image name",
                "name it when you build it (jib <to><image>, docker save NAME:TAG)");
    }

    @Test
    @DisplayName("bad input: a directory that is no OCI layout")
    void directoryWithoutLayout() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertThat(failure(source(empty), cluster(new RecordingImageLoader())))
                .contains(empty + " is a directory without index.json, so no OCI image layout");
    }

    @Test
    @DisplayName("bad input: the loader's own failure reaches the test with its cause")
    void loaderFailure() throws IOException {
        Path tar = ImageTarballs.dockerArchive(dir.resolve("app.tar"), "team/app:dev", "{}");
        ImageLoader failing = new RecordingImageLoader() {
            @Override
            public void load(Path archive, List<String> names) {
                throw new io.k8snettest.cluster.ClusterException("loading " + names + " failed: disk full");
            }
        };

        assertThatThrownBy(() -> new ClusterImages().load(List.of(source(tar)), cluster(failing)))
                .hasMessage("loading [docker.io/team/app:dev] failed: disk full");
    }

    @Test
    @DisplayName("bad input: a Docker image where no Docker daemon has it says how to get a tarball instead")
    void dockerImageWithoutDaemonOrImage() {
        ImageSource docker = new ImageSource("docker://k8snet-no-such-image:never", "k8snet.images entry 'docker://k8snet-no-such-image:never'");
        long start = System.nanoTime();

        ExtensionConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ExtensionConfigurationException.class,
                () -> new ClusterImages().load(List.of(docker), cluster(new RecordingImageLoader())));

        assertThat(e.getMessage()).startsWith("k8snet.images entry 'docker://k8snet-no-such-image:never': image"
                        + " k8snet-no-such-image:never of the Docker daemon ")
                .containsAnyOf("needs a Docker daemon, and none is reachable; give a tarball instead (docker save -o app.tar",
                        "is not an image of the Docker daemon; build or tag it first (docker build -t k8snet-no-such-image:never .)",
                        "could not be saved from the Docker daemon: ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
}
