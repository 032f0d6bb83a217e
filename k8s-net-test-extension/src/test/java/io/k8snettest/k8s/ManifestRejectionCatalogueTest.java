package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.k8snettest.cluster.ClusterException;
import io.k8snettest.plan.DeploymentSpec;
import io.k8snettest.plan.ManifestLoader;
import io.k8snettest.plan.ManifestSpec;
import io.k8snettest.plan.ResourcePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad-input catalogue of objects the API server rejects: the error names the declaration
 * ({@code @WithManifest}, {@code NetTest.applyManifest}, {@code @WithDeployment}), the file, the
 * object's kind and name, the server's reason and what to do; it comes at once (no wait), and what
 * was created before the rejection is deleted again.
 */
@EnableKubernetesMockClient
class ManifestRejectionCatalogueTest {

    private static final String NS = "k8snet-rejections-x7k2q";
    private static final Duration BOUND = Duration.ofSeconds(5);

    KubernetesMockServer server;
    KubernetesClient client;

    private ResourceApplier applier() {
        return new ResourceApplier(client, NS, new ReadinessWaiter(client, Duration.ofSeconds(2), () -> ""),
                Duration.ofSeconds(2));
    }

    private ManifestSpec manifest(String location, String origin) {
        return ManifestLoader.load(location, getClass(), true, origin);
    }

    private static ResourcePlan plan(ManifestSpec manifest) {
        return new ResourcePlan(List.of(manifest), List.of(), List.of(), List.of());
    }

    private static Status status(int code, String reason, String message, String field, String causeMessage) {
        StatusBuilder status = new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
                .withMessage(message);
        if (field != null) {
            status.withNewDetails().addNewCause().withField(field).withMessage(causeMessage)
                    .withReason("FieldValueInvalid").endCause().endDetails();
        }
        return status.build();
    }

    private static void assertRejected(ThrowingCallable apply, String message) {
        long start = System.nanoTime();
        assertThatThrownBy(apply).isInstanceOf(ClusterException.class).hasMessage(message)
                .hasCauseInstanceOf(KubernetesClientException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to the verdict").isLessThan(BOUND);
    }

    private List<String> requests() throws InterruptedException {
        List<String> requests = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(0, TimeUnit.MILLISECONDS); r != null;
             r = server.takeRequest(0, TimeUnit.MILLISECONDS)) {
            String path = r.getPath();
            requests.add(r.getMethod() + " " + (path.contains("?") ? path.substring(0, path.indexOf('?')) : path));
        }
        return requests;
    }

    @Test
    @DisplayName("bad input: an invalid NetworkPolicy (422) names @WithManifest, file, object and reason; the"
            + " objects before it are removed")
    void invalidNetworkPolicy() throws InterruptedException {
        String configMaps = "/api/v1/namespaces/" + NS + "/configmaps/settings";
        server.expect().patch().withPath(configMaps + "?fieldManager=k8s-net-test&force=true")
                .andReturn(200, new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace(NS)
                        .endMetadata().build()).once();
        String message = "NetworkPolicy.networking.k8s.io \"deny-all\" is invalid: spec.policyTypes[0]: Unsupported"
                + " value: \"Sideways\": supported values: \"Ingress\", \"Egress\"";
        server.expect().patch().withPath("/apis/networking.k8s.io/v1/namespaces/" + NS
                        + "/networkpolicies/deny-all?fieldManager=k8s-net-test&force=true")
                .andReturn(422, status(422, "Invalid", message, null, null)).once();
        server.expect().delete().withPath(configMaps).andReturn(200, new StatusBuilder().withStatus("Success").build())
                .once();
        String origin = "@WithManifest(\"invalid-policy.yaml\") on PolicyTest";
        ManifestSpec manifest = manifest("invalid-policy.yaml", origin);

        assertRejected(() -> applier().apply(plan(manifest)), origin + ": the API server rejected NetworkPolicy"
                + " \"deny-all\" from " + manifest.resolvedAs() + ": HTTP 422 Invalid: " + message + "; fix the object"
                + " as the server's reason says (kubectl apply --dry-run=server -f <file> reproduces the check)");
        assertThat(requests()).as("the ConfigMap applied before the rejection is deleted again").containsSubsequence(
                "PATCH " + configMaps, "PATCH /apis/networking.k8s.io/v1/namespaces/" + NS + "/networkpolicies/deny-all",
                "DELETE " + configMaps);
    }

    @Test
    @DisplayName("bad input: an object name the server rejects (422 with causes), applied by NetTest.applyManifest")
    void invalidObjectName() {
        server.expect().patch().withPath("/api/v1/namespaces/" + NS
                        + "/configmaps/Settings_Map?fieldManager=k8s-net-test&force=true")
                .andReturn(422, status(422, "Invalid", "ConfigMap \"Settings_Map\" is invalid", "metadata.name",
                        "Invalid value: \"Settings_Map\": a lowercase RFC 1123 subdomain must consist of lower case"
                                + " alphanumeric characters, '-' or '.'"))
                .once();
        // The origin NetTest (session.NetTestView) gives a programmatic apply.
        String origin = "NetTest.applyManifest(\"invalid-name.yaml\") in com.example.PolicyTest";
        ManifestSpec manifest = manifest("invalid-name.yaml", origin);

        assertRejected(() -> applier().apply(plan(manifest)), origin + ": the API server rejected ConfigMap"
                + " \"Settings_Map\" from " + manifest.resolvedAs() + ": HTTP 422 Invalid: ConfigMap \"Settings_Map\""
                + " is invalid (causes: metadata.name: Invalid value: \"Settings_Map\": a lowercase RFC 1123 subdomain"
                + " must consist of lower case alphanumeric characters, '-' or '.'); fix the object as the server's"
                + " reason says (kubectl apply --dry-run=server -f <file> reproduces the check)");
    }

    @Test
    @DisplayName("bad input: a kind the cluster does not serve (API discovery 404) names the kind and the CRD")
    void unknownKind() {
        server.expect().get().withPath("/apis/example.k8snettest.io/v1")
                .andReturn(404, status(404, "NotFound", "the server could not find the requested resource", null, null))
                .once();
        String origin = "@WithManifest(\"unknown-kind.yaml\") on PolicyTest";
        ManifestSpec manifest = manifest("unknown-kind.yaml", origin);

        assertRejected(() -> applier().apply(plan(manifest)), origin + ": the API server rejected Firewall \"edge\""
                + " from " + manifest.resolvedAs() + ": the cluster serves no kind Firewall in apiVersion"
                + " example.k8snettest.io/v1 (its API discovery does not list it); check apiVersion and kind (kubectl"
                + " api-resources lists what the cluster serves; a custom resource needs its"
                + " CustomResourceDefinition installed first)");
    }

    @Test
    @DisplayName("bad input: a 404 for a served kind's apply says what to check")
    void notFoundOnApply() {
        server.expect().patch().withPath("/api/v1/namespaces/" + NS
                        + "/configmaps/settings?fieldManager=k8s-net-test&force=true")
                .andReturn(404, status(404, "NotFound", "namespaces \"" + NS + "\" not found", null, null)).once();
        String origin = "@WithManifest(\"invalid-policy.yaml\") on PolicyTest";
        ManifestSpec manifest = manifest("invalid-policy.yaml", origin);

        assertRejected(() -> applier().apply(plan(manifest)), origin + ": the API server rejected ConfigMap"
                + " \"settings\" from " + manifest.resolvedAs() + ": HTTP 404 NotFound: namespaces \"" + NS + "\" not"
                + " found; check apiVersion and kind (kubectl api-resources lists what the cluster serves; a custom"
                + " resource needs its CustomResourceDefinition installed first)");
    }

    @Test
    @DisplayName("bad input: a forbidden @WithDeployment (403) names the annotation and the missing permission")
    void forbiddenDeployment() {
        String message = "deployments.apps is forbidden: User \"dev\" cannot create resource \"deployments\" in API"
                + " group \"apps\" in the namespace \"" + NS + "\"";
        server.expect().post().withPath("/apis/apps/v1/namespaces/" + NS + "/deployments")
                .andReturn(403, status(403, "Forbidden", message, null, null)).once();
        String origin = "@WithDeployment(name=\"web\") on PolicyTest";
        DeploymentSpec web = new DeploymentSpec("web", "nginx:1.27", 1, List.of(80), Map.of("app", "web"), List.of(),
                List.of(), Map.of(), origin);

        assertRejected(() -> applier().apply(new ResourcePlan(List.of(), List.of(web), List.of(), List.of())),
                origin + ": the API server rejected Deployment \"web\": HTTP 403 Forbidden: " + message + "; the"
                        + " kubeconfig's identity may not write this kind in the test namespace; grant it (see the"
                        + " README on the permissions the identity needs)");
    }
}
