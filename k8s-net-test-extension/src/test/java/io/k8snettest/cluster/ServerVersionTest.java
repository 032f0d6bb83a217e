package io.k8snettest.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Kubernetes versions as servers report them and users write them, compared numerically. */
class ServerVersionTest {

    @Test
    void readsWhatServersReport() {
        assertThat(ServerVersion.parse("v1.34.1+k3s1")).isEqualTo(new ServerVersion(1, 34, 1));
        assertThat(ServerVersion.parse("v1.29.4-gke.1043002")).isEqualTo(new ServerVersion(1, 29, 4));
        assertThat(ServerVersion.parse("1.27+")).isEqualTo(new ServerVersion(1, 27, 0));
        assertThat(ServerVersion.parse("1.30")).isEqualTo(new ServerVersion(1, 30, 0));
    }

    @Test
    void comparesNumericallyNotAsText() {
        assertThat(ServerVersion.parse("1.9")).isLessThan(ServerVersion.parse("1.10"));
        assertThat(ServerVersion.parse("v1.30.0")).isEqualByComparingTo(ServerVersion.parse("1.30"));
        assertThat(ServerVersion.parse("v1.30.1")).isGreaterThan(ServerVersion.parse("1.30"));
    }

    @Test
    @DisplayName("bad input: a version that is none names the text and the format")
    void rejectsWhatIsNoVersion() {
        assertThatThrownBy(() -> ServerVersion.parse("one.thirty")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'one.thirty' is no Kubernetes version; write major.minor or major.minor.patch, e.g. 1.30 or 1.30.2");
    }
}
