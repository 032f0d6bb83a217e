package io.k8snettest.examples.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.WithManifest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Bad-input catalogue, manifests the API server refuses, on the real cluster: the error names the
 * {@code @WithManifest}, the file, the object's kind and name, and the server's reason (which says
 * what to fix), at once.
 */
@Execution(ExecutionMode.CONCURRENT)
class ManifestCatalogueTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @CatalogueCase
    @K8sNetTest
    @WithManifest("invalid-networkpolicy.yaml")
    static class InvalidNetworkPolicyTestCase {
        @Test
        void test() {
        }
    }

    @CatalogueCase
    @K8sNetTest
    @WithManifest("unknown-kind.yaml")
    static class UnknownKindTestCase {
        @Test
        void test() {
        }
    }

    @CatalogueCase
    @K8sNetTest
    @WithManifest("invalid-name.yaml")
    static class InvalidObjectNameTestCase {
        @Test
        void test() {
        }
    }

    @Test
    @DisplayName("bad input: invalid NetworkPolicy -> the server's rejection, naming @WithManifest, the file, NetworkPolicy bad-port and the invalid port")
    void invalidNetworkPolicy(TestReporter reporter) {
        String message = Catalogue.run(reporter, InvalidNetworkPolicyTestCase.class, Map.of()).assertFailedWithin(BOUND);

        assertThat(message).contains("@WithManifest(\"invalid-networkpolicy.yaml\")", "NetworkPolicy", "bad-port")
                .contains("70000", "between 1 and 65535");
    }

    @Test
    @DisplayName("bad input: unknown kind -> naming @WithManifest, the file, Frobnicator thing and that the cluster does not serve the kind")
    void unknownKind(TestReporter reporter) {
        String message = Catalogue.run(reporter, UnknownKindTestCase.class, Map.of()).assertFailedWithin(BOUND);

        assertThat(message).contains("@WithManifest(\"unknown-kind.yaml\")", "Frobnicator", "thing",
                "frobnication.k8snet.test/v1");
        // the remedy: the cluster lacks the kind (install its CustomResourceDefinition, or fix apiVersion/kind)
        assertThat(message.toLowerCase()).containsAnyOf("customresourcedefinition", "crd", "not served", "does not serve",
                "unknown kind", "no resource", "not found");
    }

    @Test
    @DisplayName("bad input: invalid object name -> naming @WithManifest, the file, ConfigMap Bad_Name and the naming rule")
    void invalidObjectName(TestReporter reporter) {
        String message = Catalogue.run(reporter, InvalidObjectNameTestCase.class, Map.of()).assertFailedWithin(BOUND);

        assertThat(message).contains("@WithManifest(\"invalid-name.yaml\")", "ConfigMap", "Bad_Name")
                .containsIgnoringCase("lowercase");
    }
}
