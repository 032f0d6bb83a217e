package io.k8snettest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pages are self-contained (no script, no external reference), escape what they show, and mark wrong cells. */
class HtmlReportTest {

    static MatrixPicture threeTier() {
        return new MatrixPicture("reachability matrix 2 x 3", "2 x 3 matrix, 4 round(s)",
                List.of("frontend", "stranger (other-ns)"),
                List.of(new MatrixPicture.Column("web", "80/HTTP"), new MatrixPicture.Column("api", "80/TCP"),
                        new MatrixPicture.Column("api", "9090/TCP")),
                List.of(List.of(cell(true, true), cell(true, true), cell(false, false)),
                        List.of(cell(true, true), cell(false, true), cell(false, false))));
    }

    static HealingPicture healing() {
        return new HealingPicture("my-nginx (ClusterIP 10.96.0.7, port 80)", List.of("my-nginx-1"), List.of("10.42.0.5"),
                List.of("10.42.0.9"), List.of(new HealingPicture.Sample(Duration.ofMillis(10), true),
                new HealingPicture.Sample(Duration.ofMillis(400), false), new HealingPicture.Sample(Duration.ofMillis(900), true)),
                Duration.ofMillis(700), Duration.ofMillis(2500), Duration.ofMillis(2600));
    }

    private static MatrixPicture.Cell cell(boolean expected, boolean observed) {
        return new MatrixPicture.Cell(expected, observed, expected == observed ? "as expected" : "3 of 3 probes got through");
    }

    @Test
    void theMatrixPageMarksWrongCellsAndGroupsColumnsByTarget() {
        String html = HtmlReport.matrix(threeTier());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>reachability matrix 2 x 3</title>")
                .contains("<p class=\"verdict\" id=\"verdict\">1 wrong cell(s)</p>")
                .contains("<th class=\"target\" scope=\"col\">web</th><th class=\"target\" scope=\"col\" colspan=\"2\">api</th>")
                .contains("<th class=\"group\" scope=\"col\">9090/TCP</th>")
                .contains("<td class=\"cell wrong\" data-expected=\"deny\" data-observed=\"reached\""
                        + " title=\"stranger (other-ns) -&gt; api 80/TCP: 3 of 3 probes got through\">");
        assertThat(html.split("class=\"cell wrong\"", -1)).hasSize(2);
        assertThat(html.split("class=\"cell allowed\"", -1)).hasSize(4);
    }

    @Test
    void theHealingPageDrawsEveryProbeAndTheMoments() {
        String html = HtmlReport.healing(healing());

        assertThat(html).contains("<svg id=\"timeline\"").contains("<dt>probes failed</dt><dd>1 of 3</dd>")
                .contains("class=\"marker left\" data-ms=\"700\"").contains("class=\"marker joined\" data-ms=\"2500\"")
                .contains("class=\"marker serving\" data-ms=\"2600\"").contains(">replacement joined 2.5 s</text>");
        assertThat(html.split("<rect class=\"probe ok\"", -1)).hasSize(3);
        assertThat(html.split("<rect class=\"probe failed\"", -1)).hasSize(2);
    }

    @Test
    void pagesAreSelfContainedAndEscapeWhatTheyShow() {
        MatrixPicture hostile = new MatrixPicture("<script>alert(1)</script>", "a & b", List.of("<img src=x>"),
                List.of(new MatrixPicture.Column("\"web\"", "")), List.of(List.of(new MatrixPicture.Cell(true, false, "it's <b>"))));
        for (String html : List.of(HtmlReport.matrix(threeTier()), HtmlReport.healing(healing()))) {
            assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=").doesNotContain("url(")
                    .doesNotContain("http:").doesNotContain("https:").doesNotContain("@import");
        }
        assertThat(HtmlReport.matrix(hostile)).doesNotContain("<script").doesNotContain("<img").contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("a &amp; b")
                .contains("&lt;img src=x&gt;").contains("&quot;web&quot;").contains("it&#39;s &lt;b&gt;")
                .doesNotContain("class=\"group\"");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("bad input: a matrix picture whose cells do not fit its rows and columns is refused")
    void aRaggedMatrixIsRefused() {
        assertThatThrownBy(() -> new MatrixPicture("t", "", List.of("a"), List.of(new MatrixPicture.Column("web", "")),
                List.of(List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a matrix picture needs 1 rows of 1 cells");
    }
}
