package io.k8snettest.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesNamesTest {

    @Test
    void dnsLabels() {
        assertThat(KubernetesNames.isDns1123Label("my-nginx")).isTrue();
        assertThat(KubernetesNames.isDns1123Label("9lives")).isTrue();
        assertThat(KubernetesNames.isDns1123Label("a".repeat(63))).isTrue();
        assertThat(KubernetesNames.isDns1123Label("a".repeat(64))).isFalse();
        assertThat(KubernetesNames.isDns1123Label("My-nginx")).isFalse();
        assertThat(KubernetesNames.isDns1123Label("-nginx")).isFalse();
        assertThat(KubernetesNames.isDns1123Label("nginx-")).isFalse();
        assertThat(KubernetesNames.isDns1123Label("")).isFalse();
        assertThat(KubernetesNames.isDns1035Label("9lives")).isFalse();
        assertThat(KubernetesNames.isDns1035Label("lives9")).isTrue();
    }

    @Test
    void labelKeysAndValues() {
        assertThat(KubernetesNames.isLabelKey("run")).isTrue();
        assertThat(KubernetesNames.isLabelKey("app.kubernetes.io/name")).isTrue();
        assertThat(KubernetesNames.isLabelKey("Team_A.x")).isTrue();
        assertThat(KubernetesNames.isLabelKey("/name")).isFalse();
        assertThat(KubernetesNames.isLabelKey("Example.com/name")).isFalse();
        assertThat(KubernetesNames.isLabelKey("run me")).isFalse();
        assertThat(KubernetesNames.isLabelKey("a".repeat(64))).isFalse();
        assertThat(KubernetesNames.isLabelValue("")).isTrue();
        assertThat(KubernetesNames.isLabelValue("my-nginx")).isTrue();
        assertThat(KubernetesNames.isLabelValue("-bad")).isFalse();
    }

    @Test
    void parsesLabelsAndEnvironmentInOrder() {
        assertThat(KubernetesNames.labels("o", "labels", new String[] {"run=my-nginx", " tier = web ", "empty="}))
                .containsExactly(Map.entry("run", "my-nginx"), Map.entry("tier", "web"), Map.entry("empty", ""));
        assertThat(KubernetesNames.env("o", "env", new String[] {"URL=http://x/?a=b", "EMPTY="}))
                .containsExactly(Map.entry("URL", "http://x/?a=b"), Map.entry("EMPTY", ""));
    }

    @Test
    void repeatedKeyIsAnError() {
        assertThatThrownBy(() -> KubernetesNames.labels("o", "labels", new String[] {"a=1", "a=2"}))
                .hasMessage("o: labels=\"a=2\" repeats the key 'a'; give each key once");
    }
}
