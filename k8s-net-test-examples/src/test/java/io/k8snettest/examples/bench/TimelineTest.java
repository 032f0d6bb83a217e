package io.k8snettest.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Pure: spans and published timings of a launcher run (no cluster). */
class TimelineTest {

    @Test
    void spansBetweenMarksInMilliseconds() {
        Timeline t = new Timeline();
        t.mark("start:SeedRun", 1_000_000_000L);
        t.mark("start:Deploy", 1_812_400_000L);
        assertThat(t.millis("start:SeedRun", "start:Deploy")).isEqualTo(812);
        assertThat(t.millisUntil("start:SeedRun", 4_000_000_000L)).isEqualTo(3000);
    }

    @Test
    void theFirstMarkOfAKeyCounts() {
        Timeline t = new Timeline();
        t.mark("start:a", 0);
        t.mark("start:a", 5_000_000L);
        t.mark("start:b", 10_000_000L);
        assertThat(t.millis("start:a", "start:b")).isEqualTo(10);
        assertThat(t.marks()).containsExactly("start:a", "start:b");
    }

    @Test
    void publishedTimingsAreTheBenchEntriesFirstField() {
        Timeline t = new Timeline();
        t.entry("bench.matrix-9x18", "1200 1 9");
        t.entry("bench.matrix-9x18", "1100");
        t.entry("k8snet.namespace", "k8snet-abc");
        assertThat(t.published()).containsOnlyKeys("matrix-9x18");
        assertThat(t.published().get("matrix-9x18")).containsExactly(1200L, 1100L);
    }

    @Test
    void aMissingMarkIsNamed() {
        Timeline t = new Timeline();
        t.mark("start:SeedRun", 0);
        assertThatThrownBy(() -> t.millis("start:SeedRun", "start:Deploy")).hasMessageContaining("no start:Deploy")
                .hasMessageContaining("start:SeedRun");
    }

    @Test
    void problemsFailTheRunListingEach() {
        Timeline t = new Timeline();
        t.requireClean();
        t.problem("SeedRun: FAILED: boom");
        t.problem("Empty: skipped: no cluster");
        assertThatThrownBy(t::requireClean).hasMessageContaining("SeedRun: FAILED: boom")
                .hasMessageContaining("Empty: skipped: no cluster");
    }

    @Test
    void aBenchEntryWithoutMillisecondsIsRejected() {
        assertThatThrownBy(() -> new Timeline().entry("bench.x", "fast")).hasMessageContaining("bench.x=fast");
    }
}
