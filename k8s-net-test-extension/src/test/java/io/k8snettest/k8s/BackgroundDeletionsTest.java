package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link BackgroundDeletions} against the fabric8 mock API server (CRUD mode; it keeps a deleted
 * object with finalizers, as the API server does, so "not gone in time" is real).
 */
@EnableKubernetesMockClient(crud = true)
@org.junit.jupiter.api.extension.ExtendWith(io.k8snettest.k8s.WatchesOn.Off.class) // the mock server can stall on a closed watch
class BackgroundDeletionsTest {


    KubernetesClient client;


    private void namespace(String name, String... finalizers) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withFinalizers(finalizers)
                .endMetadata().build()).create();
    }

    private List<String> names() {
        return client.namespaces().list().getItems().stream().map(ns -> ns.getMetadata().getName()).toList();
    }

    @Test
    void requestsEveryDeletionAtOnceAndVerifiesEachGoneWhenTheRunEnds() {
        namespace("k8snet-a-aaaaa");
        namespace("k8snet-a-aaaaa-companion");
        namespace("someone-elses");
        BackgroundDeletions background = new BackgroundDeletions();
        Namespaces namespaces = new Namespaces(client, Duration.ofSeconds(5), Duration.ofSeconds(5));

        background.delete(namespaces, List.of("k8snet-a-aaaaa-companion", "k8snet-a-aaaaa"), "test class A");

        assertThat(client.namespaces().withName("k8snet-a-aaaaa").get()).as("requested before delete() returned").isNull();
        BackgroundDeletions.Summary summary = background.awaitAll();
        assertThat(summary.namespaces()).isEqualTo(2);
        assertThat(summary.describe()).matches("2 namespaces deleted in the background, all gone \\(slowest \\d+\\.\\d s after its"
                + " deletion was requested; the run waited \\d+\\.\\d s at its end\\)");
        assertThat(names()).containsExactly("someone-elses");
    }

    @Test
    void nothingHandedOverIsNothingToWaitFor() {
        BackgroundDeletions.Summary summary = new BackgroundDeletions().awaitAll();

        assertThat(summary.namespaces()).isZero();
        assertThat(summary.describe()).startsWith("0 namespaces deleted in the background, all gone");
    }

    @Test
    @DisplayName("bad input: a namespace that stays Terminating fails the run's end naming it, its class and the fix, within the delete timeout")
    void aNamespaceNotGoneInTimeFailsNamingItAndItsClass() {
        namespace("k8snet-stuck-bbbbb", "example.com/never-removed");
        namespace("k8snet-fine-ccccc");
        BackgroundDeletions background = new BackgroundDeletions();
        Namespaces namespaces = new Namespaces(client, Duration.ofSeconds(5), Duration.ofSeconds(1));
        background.delete(namespaces, List.of("k8snet-stuck-bbbbb"), "test class Stuck");
        background.delete(namespaces, List.of("k8snet-fine-ccccc"), "test class Fine");
        long start = System.nanoTime();

        assertThatThrownBy(background::awaitAll).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("k8s-net-test: 1 of 2 namespaces deleted in the background"
                        + " (k8snet.namespace.delete=background) were not gone in time: k8snet-stuck-bbbbb (test class Stuck).")
                .hasMessageContaining("raise k8snet.timeout.delete")
                .hasMessageContaining("k8snet.namespace.delete=wait")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1).satisfies(s -> assertThat(s[0].getMessage())
                        .contains("namespace k8snet-stuck-bbbbb deleted")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(names()).as("the fine one went; the stuck one is Terminating, not deleted by force")
                .containsExactly("k8snet-stuck-bbbbb");
        assertThat(client.namespaces().withName("k8snet-stuck-bbbbb").get().getMetadata().getDeletionTimestamp()).isNotNull();
    }

    @Test
    void aFailedRequestFailsTheCallerAndIsNotAwaited() {
        namespace("k8snet-ok-ddddd");
        BackgroundDeletions background = new BackgroundDeletions();
        Namespaces namespaces = new Namespaces(client, Duration.ofSeconds(5), Duration.ofSeconds(5));
        KubernetesClient closed = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(client.getConfiguration())
                .build();
        closed.close();
        Namespaces unreachable = new Namespaces(closed, Duration.ofSeconds(5), Duration.ofSeconds(5));

        assertThatThrownBy(() -> background.delete(unreachable, List.of("k8snet-ok-ddddd"), "test class A"))
                .isInstanceOf(RuntimeException.class);
        background.delete(namespaces, List.of("k8snet-ok-ddddd"), "test class B");

        assertThat(background.awaitAll().namespaces()).as("only the requested one is awaited").isEqualTo(1);
        assertThat(names()).isEmpty();
    }
}
