package io.k8snettest.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The k3s loader copies the tarball into the container and imports it into the kubelet's containerd namespace. */
class K3sImageLoaderTest {

    /** A container that records what it is asked to do and answers the import with {@code importExit}. */
    static final class FakeContainer implements K3sImageLoader.Target {
        final List<String> calls = new ArrayList<>();
        final int importExit;
        final String id;

        FakeContainer(int importExit) {
            this(importExit, "0a1b2c3d4e5f");
        }

        FakeContainer(int importExit, String id) {
            this.importExit = importExit;
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void copy(Path archive, String containerPath) {
            calls.add("copy " + archive + " " + containerPath);
        }

        @Override
        public K3sImageLoader.Exec exec(List<String> command) {
            calls.add(String.join(" ", command));
            boolean isImport = command.contains("import");
            return new K3sImageLoader.Exec(isImport ? importExit : 0, isImport && importExit != 0 ? "ctr: unrecognized image format" : "");
        }
    }

    @Test
    void copiesImportsAndRemovesTheCopy() {
        FakeContainer container = new FakeContainer(0);

        new K3sImageLoader(container).load(Path.of("/work/target/jib-image.tar"), List.of("docker.io/team/app:dev"));

        assertThat(container.calls).containsExactly(
                "copy /work/target/jib-image.tar /tmp/k8snet-images/jib-image.tar",
                "ctr -n k8s.io images import /tmp/k8snet-images/jib-image.tar",
                "rm -f /tmp/k8snet-images/jib-image.tar");
    }

    @Test
    void describesTheContainer() {
        assertThat(new K3sImageLoader(new FakeContainer(0)).description())
                .isEqualTo("containerd of the k3s container 0a1b2c3d4e5f (ctr images import)");
    }

    @Test
    void multiNodeK3sGetsTheImageIntoEveryNodesContainerd() {
        FakeContainer server = new FakeContainer(0, "aaaaaaaaaaaa (server)");
        FakeContainer agent = new FakeContainer(0, "bbbbbbbbbbbb (agent k8snet-agent-1)");
        K3sImageLoader loader = new K3sImageLoader(List.of(server, agent));

        loader.load(Path.of("/work/target/jib-image.tar"), List.of("docker.io/team/app:dev"));

        for (FakeContainer node : List.of(server, agent)) {
            assertThat(node.calls).containsExactly(
                    "copy /work/target/jib-image.tar /tmp/k8snet-images/jib-image.tar",
                    "ctr -n k8s.io images import /tmp/k8snet-images/jib-image.tar",
                    "rm -f /tmp/k8snet-images/jib-image.tar");
        }
        assertThat(loader.description()).isEqualTo("containerd of each k3s container aaaaaaaaaaaa (server),"
                + " bbbbbbbbbbbb (agent k8snet-agent-1) (ctr images import)");
    }

    @Test
    @DisplayName("bad input: an agent whose containerd refuses the tarball is named")
    void importFailureOnAnAgent() {
        FakeContainer server = new FakeContainer(0, "aaaaaaaaaaaa (server)");
        FakeContainer agent = new FakeContainer(1, "bbbbbbbbbbbb (agent k8snet-agent-1)");

        assertThatThrownBy(() -> new K3sImageLoader(List.of(server, agent)).load(Path.of("/work/app.tar"),
                List.of("docker.io/team/app:dev")))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("loading docker.io/team/app:dev from /work/app.tar into containerd of the k3s"
                        + " container bbbbbbbbbbbb (agent k8snet-agent-1) (ctr images import) failed: ctr exited with 1");
        assertThat(server.calls).hasSize(3);
    }

    @Test
    @DisplayName("bad input: a tarball ctr cannot import fails naming the image, the tarball and ctr's reason")
    void importFailure() {
        FakeContainer container = new FakeContainer(1);

        assertThatThrownBy(() -> new K3sImageLoader(container).load(Path.of("/work/app.tar"), List.of("docker.io/team/app:dev")))
                .isInstanceOf(ClusterException.class)
                .hasMessage("loading docker.io/team/app:dev from /work/app.tar into containerd of the k3s container 0a1b2c3d4e5f"
                        + " (ctr images import) failed: ctr exited with 1: ctr: unrecognized image format; the tarball must"
                        + " be a docker-archive or OCI archive (jib buildTar, docker save)");
    }
}
