package io.k8snettest.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Pure: the shape and escaping of {@code results.json}, checked by parsing it back with Jackson (no cluster). */
class ResultsJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void hasTheIssuesShapeWithEveryFieldPerPhase() throws Exception {
        String json = ResultsJson.render("kubeconfig /tmp/admin.kubeconfig (context local)", 5, List.of(
                new PhaseStats("single-probe", List.of(40L, 50L, 60L), List.of(150L, 160L, 170L)),
                new PhaseStats("model-ready", List.of(6900L), List.of())));

        JsonNode root = mapper.readTree(json);
        assertThat(root.get("cluster").asString()).isEqualTo("kubeconfig /tmp/admin.kubeconfig (context local)");
        assertThat(root.get("runs").asInt()).isEqualTo(5);
        assertThat(root.get("phases")).hasSize(2);
        JsonNode probe = root.get("phases").get(0);
        assertThat(probe.propertyNames()).containsExactly("name", "ours_median_ms", "ours_min_ms", "ours_max_ms",
                "kubectl_median_ms", "kubectl_min_ms", "kubectl_max_ms", "ratio");
        assertThat(probe.get("name").asString()).isEqualTo("single-probe");
        assertThat(probe.get("ours_median_ms").asLong()).isEqualTo(50);
        assertThat(probe.get("ours_min_ms").asLong()).isEqualTo(40);
        assertThat(probe.get("ours_max_ms").asLong()).isEqualTo(60);
        assertThat(probe.get("kubectl_median_ms").asLong()).isEqualTo(160);
        assertThat(probe.get("kubectl_min_ms").asLong()).isEqualTo(150);
        assertThat(probe.get("kubectl_max_ms").asLong()).isEqualTo(170);
        assertThat(probe.get("ratio").isNumber()).isTrue();
        assertThat(probe.get("ratio").asDouble()).isEqualTo(0.313);
    }

    @Test
    void aSideThatDidNotMeasureIsNullAndSoIsTheRatio() throws Exception {
        JsonNode phase = mapper.readTree(ResultsJson.render("c", 1, List.of(new PhaseStats("model-ready", List.of(7L), List.of()))))
                .get("phases").get(0);
        assertThat(phase.get("ours_median_ms").asLong()).isEqualTo(7);
        assertThat(phase.get("kubectl_median_ms").isNull()).isTrue();
        assertThat(phase.get("kubectl_min_ms").isNull()).isTrue();
        assertThat(phase.get("kubectl_max_ms").isNull()).isTrue();
        assertThat(phase.get("ratio").isNull()).isTrue();
    }

    @Test
    void ratiosAreWrittenAsPlainJsonNumbers() throws Exception {
        String json = ResultsJson.render("c", 1, List.of(new PhaseStats("a", List.of(300L), List.of(200L)),
                new PhaseStats("b", List.of(100L), List.of(100L)), new PhaseStats("c", List.of(1L), List.of(3000L)),
                new PhaseStats("d", List.of(25L), List.of(1L))));
        assertThat(json).contains("\"ratio\": 1.5}", "\"ratio\": 1.0}", "\"ratio\": 0.0}", "\"ratio\": 25.0}");
        assertThat(mapper.readTree(json).get("phases").get(0).get("ratio").asDouble()).isEqualTo(1.5);
    }

    @Test
    void stringsAreEscapedSoAnyClusterDescriptionParsesBackUnchanged() throws Exception {
        String nasty = "ctx \"prod\" \\ path C:\\kube\ttab\nnew line\r\b\f\u0001\u001f\u007f\u2028 é ✓";
        String json = ResultsJson.render(nasty, 1, List.of(new PhaseStats("we\"ird\\name", List.of(1L), List.of(2L))));

        JsonNode root = mapper.readTree(json);
        assertThat(root.get("cluster").asString()).isEqualTo(nasty);
        assertThat(root.get("phases").get(0).get("name").asString()).isEqualTo("we\"ird\\name");
        assertThat(json.lines().filter(l -> l.contains("cluster")).count()).isEqualTo(1); // no raw line break inside strings
        assertThat(ResultsJson.string("\u0001")).isEqualTo("\"\\u0001\"");
        assertThat(ResultsJson.string(null)).isEqualTo("null");
    }

    @Test
    void noPhasesIsAnEmptyList() throws Exception {
        assertThat(mapper.readTree(ResultsJson.render("c", 3, List.of())).get("phases")).isEmpty();
    }

    @Test
    void writeCreatesTheDirectory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("target/benchmark/results.json");
        ResultsJson.write(file, "c", 2, List.of(new PhaseStats("matrix-3x3", List.of(500L), List.of(4000L))));

        assertThat(mapper.readTree(Files.readString(file)).get("phases").get(0).get("ratio").asDouble()).isEqualTo(0.125);
    }
}
