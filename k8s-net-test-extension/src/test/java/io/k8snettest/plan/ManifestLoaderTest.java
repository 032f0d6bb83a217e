package io.k8snettest.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

    private static final String ORIGIN = "@WithManifest(\"x\") on ManifestLoaderTest";

    @TempDir
    Path dir;

    @Test
    void seedManifestLoadsUnchangedFromTheTestClassPackage() {
        ManifestSpec spec = ManifestLoader.load("run-my-nginx.yaml", getClass(), true, ORIGIN);

        assertThat(spec.location()).isEqualTo("run-my-nginx.yaml");
        assertThat(spec.resolvedAs()).isEqualTo(resource("io/k8snettest/plan/run-my-nginx.yaml"));
        assertThat(spec.awaitReady()).isTrue();
        assertThat(spec.origin()).isEqualTo(ORIGIN);
        assertThat(spec.resources()).singleElement().isInstanceOfSatisfying(Deployment.class, d -> {
            assertThat(d.getMetadata().getName()).isEqualTo("my-nginx");
            // kept as written: the runtime, not the loader, puts objects into the test namespace
            assertThat(d.getMetadata().getNamespace()).isEqualTo("my-nginx");
            assertThat(d.getSpec().getReplicas()).isEqualTo(2);
            assertThat(d.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("run", "my-nginx"));
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(Map.of("run", "my-nginx"));
            var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getName()).isEqualTo("my-nginx");
            assertThat(container.getImage()).isEqualTo("nginx");
            assertThat(container.getPorts()).singleElement()
                    .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(80));
        });
    }

    @Test
    void examplesModuleHoldsTheSameSeedManifest() throws IOException {
        Path here = Path.of("src/test/resources/io/k8snettest/plan/run-my-nginx.yaml");
        Path examples = Path.of("../k8s-net-test-examples/src/test/resources/run-my-nginx.yaml");

        assertThat(Files.readString(examples)).isEqualTo(Files.readString(here)).startsWith("apiVersion: apps/v1\n");
    }

    @Test
    void fallsBackToTheClasspathRoot() {
        ManifestSpec spec = ManifestLoader.load("k8snet-root-manifest.yaml", getClass(), false, ORIGIN);

        assertThat(spec.resolvedAs()).isEqualTo(resource("k8snet-root-manifest.yaml"));
        assertThat(spec.awaitReady()).isFalse();
        assertThat(spec.resources()).singleElement().isInstanceOf(ConfigMap.class);
    }

    @Test
    void classpathPrefixAndLeadingSlashAreHonoured() {
        assertThat(ManifestLoader.load("classpath:run-my-nginx.yaml", getClass(), true, ORIGIN).resolvedAs())
                .isEqualTo(resource("io/k8snettest/plan/run-my-nginx.yaml"));
        assertThat(ManifestLoader.load("/k8snet-root-manifest.yaml", getClass(), true, ORIGIN).resolvedAs())
                .isEqualTo(resource("k8snet-root-manifest.yaml"));
        assertThat(ManifestLoader.load("classpath:/io/k8snettest/plan/run-my-nginx.yaml", getClass(), true, ORIGIN)
                .resolvedAs()).isEqualTo(resource("io/k8snettest/plan/run-my-nginx.yaml"));
    }

    @Test
    void readsAFileByAbsolutePath() throws IOException {
        Path file = write("policy.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: default-deny
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                """);

        ManifestSpec spec = ManifestLoader.load(file.toString(), getClass(), true, ORIGIN);

        assertThat(spec.resolvedAs()).isEqualTo(file.toString());
        assertThat(spec.resources()).extracting(HasMetadata::getKind).containsExactly("NetworkPolicy");
    }

    @Test
    void readsEveryDocumentInOrderAndSkipsEmptyOnes() throws IOException {
        Path file = write("multi.yaml", """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: first
                ---
                # nothing in this one
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: second
                spec:
                  ports:
                  - port: 80
                """);

        assertThat(ManifestLoader.load(file.toString(), getClass(), true, ORIGIN).resources())
                .extracting(HasMetadata::getKind, r -> r.getMetadata().getName())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ConfigMap", "first"),
                        org.assertj.core.groups.Tuple.tuple("Service", "second"));
    }

    @Test
    void flattensAListObject() throws IOException {
        Path file = write("list.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: a
                - apiVersion: v1
                  kind: Service
                  metadata:
                    name: b
                """);

        assertThat(ManifestLoader.load(file.toString(), getClass(), true, ORIGIN).resources())
                .extracting(HasMetadata::getKind).containsExactly("ConfigMap", "Service");
    }

    @Test
    void keepsKindsWithoutAModelClassAsGenericResources() throws IOException {
        Path file = write("widget.yaml", """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                spec:
                  size: 3
                """);

        assertThat(ManifestLoader.load(file.toString(), getClass(), true, ORIGIN).resources()).singleElement()
                .isInstanceOfSatisfying(GenericKubernetesResource.class,
                        w -> assertThat(w.getAdditionalProperties()).containsEntry("spec", Map.of("size", 3)));
    }

    @Test
    void missingManifestListsWhereItLooked() {
        Path file = Path.of("missing.yaml").toAbsolutePath();

        assertThatThrownBy(() -> ManifestLoader.load("missing.yaml", getClass(), true, ORIGIN))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage(ORIGIN + ": no such classpath resource or file 'missing.yaml' (looked in: classpath"
                        + " io/k8snettest/plan/missing.yaml, classpath missing.yaml, file " + file + "); put the file"
                        + " under src/test/resources or give a path");
    }

    @Test
    void classpathPrefixNeverFallsBackToAFile() {
        assertThatThrownBy(() -> ManifestLoader.load("classpath:missing.yaml", getClass(), true, ORIGIN))
                .hasMessage(ORIGIN + ": no such classpath resource 'classpath:missing.yaml' (looked in: classpath"
                        + " io/k8snettest/plan/missing.yaml, classpath missing.yaml); put the file under"
                        + " src/test/resources");
    }

    @Test
    void blankLocation() {
        assertThatThrownBy(() -> ManifestLoader.load(" ", getClass(), true, ORIGIN))
                .hasMessage(ORIGIN + ": value=\" \" is empty; give a classpath resource or a file path");
    }

    @Test
    void invalidYamlNamesLineAndColumn() throws IOException {
        Path file = write("bad.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                 name: a
                  labels: x
                """);

        assertThatThrownBy(() -> ManifestLoader.load(file.toString(), getClass(), true, ORIGIN))
                .hasMessage(ORIGIN + ": invalid YAML in " + file + " at line 5, column 9: mapping values are not"
                        + " allowed here; fix the file");
    }

    @Test
    void invalidYamlWithContext() throws IOException {
        Path file = write("flow.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [a\n");

        assertThatThrownBy(() -> ManifestLoader.load(file.toString(), getClass(), true, ORIGIN))
                .hasMessage(ORIGIN + ": invalid YAML in " + file + " at line 5, column 1: expected ',' or ']', but"
                        + " got <stream end> (while parsing a flow sequence); fix the file");
    }

    @Test
    void wrongFieldTypeNamesTheField() throws IOException {
        Path file = write("ports.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports: 5\n");

        assertThatThrownBy(() -> ManifestLoader.load(file.toString(), getClass(), true, ORIGIN))
                .hasMessageStartingWith(ORIGIN + ": invalid YAML in " + file + ": Cannot deserialize value of type"
                        + " `java.util.ArrayList<io.fabric8.kubernetes.api.model.ServicePort>`")
                .hasMessageEndingWith("; fix the file");
    }

    @Test
    void emptyAndCommentOnlyFilesAreErrors() throws IOException {
        Path empty = write("empty.yaml", "");
        Path comments = write("comments.yaml", "# nothing yet\n---\n");

        assertThatThrownBy(() -> ManifestLoader.load(empty.toString(), getClass(), true, ORIGIN))
                .hasMessage(ORIGIN + ": " + empty + " holds no Kubernetes objects; add at least one object or remove"
                        + " the location");
        assertThatThrownBy(() -> ManifestLoader.load(comments.toString(), getClass(), true, ORIGIN))
                .hasMessage(ORIGIN + ": " + comments + " holds no Kubernetes objects; add at least one object or"
                        + " remove the location");
    }

    @Test
    void documentWithoutKindIsNotAKubernetesObject() throws IOException {
        Path file = write("nokind.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nfoo: bar\n");

        assertThatThrownBy(() -> ManifestLoader.load(file.toString(), getClass(), true, ORIGIN))
                .hasMessage(ORIGIN + ": object #2 in " + file + " is not a Kubernetes object (it lacks apiVersion or"
                        + " kind); give every document apiVersion, kind and metadata.name");
    }

    @Test
    void objectWithoutNameIsAnError() throws IOException {
        Path file = write("noname.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    a: b\n");

        assertThatThrownBy(() -> ManifestLoader.load(file.toString(), getClass(), true, ORIGIN))
                .hasMessage(ORIGIN + ": object #1 (ConfigMap) in " + file + " has no metadata.name; set"
                        + " metadata.name");
    }

    @Test
    void clusterScopedKindsAreRejected() throws IOException {
        Path namespace = write("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: my-nginx\n");
        Path role = write("role.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: fine
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: reader
                """);

        assertThatThrownBy(() -> ManifestLoader.load(namespace.toString(), getClass(), true, ORIGIN))
                .hasMessage(ORIGIN + ": Namespace \"my-nginx\" in " + namespace + " is cluster-scoped; only"
                        + " namespaced objects are allowed (they are applied into the test namespace, and a test"
                        + " never touches what it did not create); remove it from the manifest and manage it"
                        + " outside the test");
        assertThatThrownBy(() -> ManifestLoader.load(role.toString(), getClass(), true, ORIGIN))
                .hasMessageStartingWith(ORIGIN + ": ClusterRole \"reader\" in " + role + " is cluster-scoped;");
        for (String kind : new String[] {"ClusterRoleBinding", "PersistentVolume", "StorageClass", "Node",
                "CustomResourceDefinition"}) {
            String apiVersion = switch (kind) {
                case "ClusterRoleBinding" -> "rbac.authorization.k8s.io/v1";
                case "StorageClass" -> "storage.k8s.io/v1";
                case "CustomResourceDefinition" -> "apiextensions.k8s.io/v1";
                default -> "v1";
            };
            Path file = write(kind + ".yaml", "apiVersion: " + apiVersion + "\nkind: " + kind
                    + "\nmetadata:\n  name: x\n");
            assertThatThrownBy(() -> ManifestLoader.load(file.toString(), getClass(), true, ORIGIN))
                    .as(kind).hasMessageContaining(kind + " \"x\" in " + file + " is cluster-scoped");
        }
    }

    @Test
    void namespacedObjectsKeepTheirContent() throws IOException {
        Path file = write("svc.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: my-nginx
                  namespace: elsewhere
                  labels:
                    run: my-nginx
                spec:
                  selector:
                    run: my-nginx
                  ports:
                  - port: 80
                    protocol: TCP
                """);

        assertThat(ManifestLoader.load(file.toString(), getClass(), true, ORIGIN).resources()).singleElement()
                .isInstanceOfSatisfying(Service.class, s -> {
                    assertThat(s.getMetadata().getNamespace()).isEqualTo("elsewhere");
                    assertThat(s.getMetadata().getLabels()).isEqualTo(Map.of("run", "my-nginx"));
                    assertThat(s.getSpec().getSelector()).isEqualTo(Map.of("run", "my-nginx"));
                    assertThat(s.getSpec().getPorts().get(0).getProtocol()).isEqualTo("TCP");
                });
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private String resource(String path) {
        return getClass().getClassLoader().getResource(path).toString();
    }
}
