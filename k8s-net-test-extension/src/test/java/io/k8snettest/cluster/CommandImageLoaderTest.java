package io.k8snettest.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubeconfig-mode loader runs the configured command on this machine, with the tarball's path. */
class CommandImageLoaderTest {

    private static final String SOURCE = "environment variable K8SNET_IMAGES_LOAD_COMMAND";

    @TempDir
    Path dir;

    @Test
    void archivePlaceholderIsReplacedWherever() {
        CommandImageLoader kind = new CommandImageLoader("kind load image-archive {archive} --name dev", SOURCE);

        assertThat(kind.command(Path.of("/tmp/app.tar")))
                .containsExactly("kind", "load", "image-archive", "/tmp/app.tar", "--name", "dev");
    }

    @Test
    void withoutPlaceholderTheArchiveIsTheLastWord() {
        CommandImageLoader ctr = new CommandImageLoader("  ctr -n k8s.io images import ", SOURCE);

        assertThat(ctr.command(Path.of("/tmp/app.tar"))).containsExactly("ctr", "-n", "k8s.io", "images", "import", "/tmp/app.tar");
    }

    @Test
    void runsTheCommandWithTheTarball() throws Exception {
        Path tar = Files.writeString(dir.resolve("app.tar"), "image bytes");
        Path copy = dir.resolve("loaded.tar");

        new CommandImageLoader("cp {archive} " + copy, SOURCE).load(tar, List.of("docker.io/team/app:dev"));

        assertThat(copy).hasContent("image bytes");
    }

    @Test
    @DisplayName("bad input: a load command that fails names the images, exit code, output and setting")
    void failingCommand() throws Exception {
        Path tar = Files.writeString(dir.resolve("app.tar"), "x");
        long start = System.nanoTime();

        assertThatThrownBy(() -> new CommandImageLoader("ls {archive}-missing", SOURCE).load(tar, List.of("docker.io/team/app:dev")))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("loading docker.io/team/app:dev from " + tar + " with the command 'ls {archive}-missing'"
                        + " of " + SOURCE + " failed with exit code 2: ")
                .hasMessageContaining("app.tar-missing")
                .hasMessageEndingWith("; fix " + SOURCE + " (run it by hand with the tarball to check)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("bad input: a load command that is not installed")
    void missingProgram() throws Exception {
        Path tar = Files.writeString(dir.resolve("app.tar"), "x");

        assertThatThrownBy(() -> new CommandImageLoader("k8snet-no-such-loader {archive}", SOURCE).load(tar, List.of("app")))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("could not start 'k8snet-no-such-loader'")
                .hasMessageEndingWith("; fix " + SOURCE + " (the program must be on PATH or named by its full path)");
    }

    @Test
    @DisplayName("bad input: a load command that hangs is stopped at its bound")
    void hangingCommand() throws Exception {
        Path tar = Files.writeString(dir.resolve("app.tar"), "x");
        long start = System.nanoTime();

        assertThatThrownBy(() -> new CommandImageLoader("tail -f {archive}", SOURCE, Duration.ofMillis(300)).load(tar, List.of("app")))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("did not finish within 300ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
