package io.k8snettest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class DurationsTest {

    @Test
    void parsesShortFormsAndIso() {
        assertThat(Durations.parse("500ms", "x")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s", "x")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse(" 2 m ", "x")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1H", "x")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT1M30S", "x")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("pt10s", "x")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rejectsWhatIsNoDuration() {
        for (String bad : new String[] {"", "10", "ten seconds", "1.5s", "-5s", "PT-5S", "5d", "P", "99999999999999999999s", "PT99999999999999999999H"}) {
            assertThatThrownBy(() -> Durations.parse(bad, "k8snet.timeout.probe")).as(bad)
                    .isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessage("k8snet.timeout.probe is not a duration: '" + bad
                            + "'; write e.g. 500ms, 30s, 2m, 1h or PT30S");
        }
    }

    @Test
    @org.junit.jupiter.api.DisplayName("bad input: zero durations are rejected naming where they are set")
    void rejectsZero() {
        for (String zero : new String[] {"0s", "0ms", "PT0S", "0 m"}) {
            assertThatThrownBy(() -> Durations.parse(zero, "@ReachableFrom(timeout) on X.y")).as(zero)
                    .isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessage("@ReachableFrom(timeout) on X.y is '" + zero + "': zero is not allowed; write a positive"
                            + " duration, e.g. 500ms, 30s, 2m, 1h or PT30S");
        }
    }

    @Test
    void formatsForMessages() {
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(3))).isEqualTo("3m");
        assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
