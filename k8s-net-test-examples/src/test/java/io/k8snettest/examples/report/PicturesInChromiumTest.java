package io.k8snettest.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.examples.badinput.CatalogueCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The pictures of a real run, rendered by headless Chromium: a matrix with a wrong cell and a
 * healing time line are produced on the cluster (through JUnit's file publishing, as for any test),
 * then Chromium loads each page and the test reads the DOM it built. The screenshots are attached
 * to this test. Chromium is required wherever the cluster is ({@code k8snet.require-cluster=true},
 * as in CI); elsewhere a missing Chromium skips with the reason.
 */
class PicturesInChromiumTest {

    /** A real run: one pod deleted and healed; a matrix whose target "dead" (nothing listens on 81) is expected reachable. */
    @CatalogueCase
    @K8sNetTest
    @WithDeployment(name = "web", image = "nginx:1.22.1", replicas = 2, port = 80, labels = "app=web")
    @ExposeService(deployment = "web", port = 80)
    @ExposeService(deployment = "web", name = "dead", port = 81, targetPort = 81)
    static class RealRunTestCase {

        @Test
        void heal(NetTest net) {
            net.service("web").deleteOnePodAndAwaitHealing();
        }

        @Test
        void matrixWithAWrongCell(NetTest net) {
            net.matrix().source(ClientSpec.named("frontend").build())
                    .service("web", 80, ProbeProtocol.HTTP).service("dead", 81, ProbeProtocol.TCP)
                    .allowAllTo("web").allowAllTo("dead").assertMatches();
        }
    }

    @Test
    void theMatrixAndHealingPagesOfARealRunRenderInChromium(@TempDir Path scratch, TestReporter reporter) throws Exception {
        Path outputs = Files.createDirectories(scratch.resolve("outputs"));
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(RealRunTestCase.class))
                .configurationParameters(Map.of(CatalogueCase.KEY, "true", K8sNetTest.PROBE_TIMEOUT_KEY, "10s",
                        K8sNetTest.KEEP_NAMESPACE_KEY, "never"))
                .outputDirectoryCreator(new UnderRoot(outputs)).execute();
        assumeTrue(results.testEvents().started().count() > 0, () -> "the real run was skipped (no cluster): "
                + results.allEvents().skipped().stream().map(e -> e.getRequiredPayload(String.class)).toList());
        Map<String, Path> pages = results.allEvents().fileEntryPublished().stream().map(e -> e.getRequiredPayload(FileEntry.class))
                .collect(Collectors.toMap(f -> f.getPath().getFileName().toString(), FileEntry::getPath));
        assertThat(pages).as("pages published by the real run").containsOnlyKeys("k8snet-matrix.html", "k8snet-healing.html");
        assertThat(results.testEvents().failed().count()).as("the matrix with a wrong cell fails, the healing passes").isEqualTo(1);
        String healingEntry = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("k8snet.healing"))
                .filter(v -> v != null).findFirst().orElseThrow();

        Chromium chromium = chromium(scratch.resolve("profile"));
        String matrix = chromium.dumpDom(pages.get("k8snet-matrix.html"));
        String healing = chromium.dumpDom(pages.get("k8snet-healing.html"));

        // The browser built the table (tbody inserted by the parser) with one wrong cell: frontend -> dead:81.
        assertThat(matrix).contains("<table class=\"matrix\" id=\"matrix\">").contains("<tbody>")
                .contains("<p class=\"verdict\" id=\"verdict\">1 wrong cell(s)</p>");
        assertThat(count(matrix, "<td class=\"cell wrong\" data-expected=\"allow\" data-observed=\"blocked\""
                + " title=\"frontend -&gt; dead 81/TCP: never reached")).isEqualTo(1);
        assertThat(count(matrix, "<td class=\"cell allowed\" data-expected=\"allow\" data-observed=\"reached\""
                + " title=\"frontend -&gt; web 80/HTTP: reached in round")).isEqualTo(1);
        // One bar per probe the healing sent, and the four moments.
        Matcher probes = Pattern.compile("probes failed during disruption: (\\d+)/(\\d+)").matcher(healingEntry);
        assertThat(probes.find()).as(healingEntry).isTrue();
        assertThat(count(healing, "<rect class=\"probe ")).isEqualTo(Integer.parseInt(probes.group(2)));
        assertThat(count(healing, "<rect class=\"probe failed\"")).isEqualTo(Integer.parseInt(probes.group(1)));
        for (String marker : new String[] {"deleted", "left", "joined", "serving"}) {
            assertThat(count(healing, "<line class=\"marker " + marker + "\"")).as(marker).isEqualTo(1);
        }

        Path pictures = Path.of("target", "k8snet-pictures");
        for (String name : pages.keySet()) {
            Path png = pictures.resolve(name.replace(".html", ".png"));
            chromium.screenshot(pages.get(name), png, 1000, 600);
            reporter.publishFile(png, MediaType.IMAGE_PNG);
            Files.copy(pages.get(name), pictures.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Chromium, required where the cluster is required; elsewhere its absence skips this test with the fix. */
    private static Chromium chromium(Path profile) {
        var found = Chromium.find(profile);
        String fix = "headless Chromium renders the pictures: install it (Debian: apt-get install chromium) or set CHROMIUM=<binary>;"
                + " looked for " + Chromium.NAMES + " on the PATH";
        if (found.isEmpty() && clusterRequired()) {
            throw new AssertionError("k8snet.require-cluster=true and no Chromium: " + fix);
        }
        assumeTrue(found.isPresent(), fix);
        return found.get();
    }

    private static boolean clusterRequired() {
        String value = System.getProperty(K8sNetTest.REQUIRE_CLUSTER_KEY, System.getenv("K8SNET_REQUIRE_CLUSTER"));
        return Boolean.parseBoolean(value);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** One directory per test descriptor under {@code root}. */
    private record UnderRoot(Path root) implements OutputDirectoryCreator {
        @Override
        public Path getRootDirectory() {
            return root;
        }

        @Override
        public Path createOutputDirectory(TestDescriptor descriptor) throws java.io.IOException {
            return Files.createDirectories(root.resolve(descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9.-]+", "_")));
        }
    }
}
