package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ManifestPlaceholdersTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Function<String, String> NAMES = logical -> logical == null ? "k8snet-t-ab12c" : "k8snet-t-ab12c-" + logical;

    @Test
    void theTestNamespaceAndCompanionsAreReplacedAnywhereInTheObject() {
        NetworkPolicy policy = (NetworkPolicy) ManifestPlaceholders.resolve(SERIALIZATION, parse("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: allow-y
                  namespace: ${k8snet.namespace:x}
                spec:
                  podSelector: {}
                  ingress:
                  - from:
                    - namespaceSelector:
                        matchExpressions:
                        - {key: kubernetes.io/metadata.name, operator: In, values: ["${k8snet.namespace:y}", "${k8snet.namespace}"]}
                """), NAMES);

        assertThat(policy.getMetadata().getNamespace()).isEqualTo("k8snet-t-ab12c-x");
        assertThat(policy.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector().getMatchExpressions().get(0)
                .getValues()).containsExactly("k8snet-t-ab12c-y", "k8snet-t-ab12c");
    }

    @Test
    void anObjectWithoutPlaceholdersIsCopiedAsIs() {
        HasMetadata plain = parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: ${HOME}\n");

        HasMetadata resolved = ManifestPlaceholders.resolve(SERIALIZATION, plain, NAMES);

        assertThat(resolved).isEqualTo(plain).isNotSameAs(plain);
    }

    @Test
    @DisplayName("bad input: an unknown k8snet placeholder names the object and the placeholders there are")
    void anUnknownPlaceholderIsRefused() {
        HasMetadata typo = parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: ${k8snet.namespaces:x}\n");

        assertThatThrownBy(() -> ManifestPlaceholders.resolve(SERIALIZATION, typo, NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ConfigMap \"c\": unknown placeholder ${k8snet.namespaces:x}; the placeholders are"
                        + " ${k8snet.namespace} (the test namespace) and ${k8snet.namespace:<logical name>} (a companion"
                        + " namespace, e.g. ${k8snet.namespace:x})");
    }

    private static HasMetadata parse(String yaml) {
        return SERIALIZATION.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
