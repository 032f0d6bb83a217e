package io.k8snettest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.k8s.NamespaceLabels;
import io.k8snettest.plan.NamespaceNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** One labelled namespace per class, deleted after it and waited for, or kept as configured. */
@ExtendWith(MockCluster.Extension.class)
class NamespaceLifecycleTest {

    @EngineTestKitOnly
    @K8sNetTest
    static class PassingTestCase {
        @Test
        void passes() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    static class OtherPassingTestCase {
        @Test
        void passes() {
        }
    }

    @EngineTestKitOnly
    @K8sNetTest
    static class FailingTestCase {
        @Test
        void fails() {
            throw new AssertionError("on purpose");
        }
    }

    @Test
    void eachClassGetsItsOwnLabelledNamespaceDeletedAfterIt(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(PassingTestCase.class, OtherPassingTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        String first = EngineRuns.entry(results, PassingTestCase.class, "k8snet.namespace");
        String second = EngineRuns.entry(results, OtherPassingTestCase.class, "k8snet.namespace");
        assertThat(first).matches("k8snet-namespacelifecycletest-passingtestcase-[a-z0-9]{5}");
        assertThat(second).matches("k8snet-namespacelifecycletest-otherpassingtestcase-[a-z0-9]{5}");
        List<Namespace> created = cluster.created(Namespace.class);
        assertThat(created).extracting(ns -> ns.getMetadata().getName()).containsExactly(first, second);
        assertThat(created).allSatisfy(ns -> assertThat(ns.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "k8s-net-test")
                .containsKey("k8s-net-test.io/run-id"));
        assertThat(created).extracting(ns -> ns.getMetadata().getLabels().get("k8s-net-test.io/run-id"))
                .as("one run id for the whole run").containsOnly(created.get(0).getMetadata().getLabels().get("k8s-net-test.io/run-id"));
        assertThat(cluster.deletions()).containsExactly("DELETE /api/v1/namespaces/" + first, "DELETE /api/v1/namespaces/" + second);
        assertThat(cluster.namespaces()).isEmpty();
        assertThat(EngineRuns.entries(results, "k8snet.namespace.kept")).isEmpty();
    }

    @Test
    void onFailureKeepsTheNamespaceOfAFailingClassOnly(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.KEEP_NAMESPACE_KEY, "on-failure"),
                FailingTestCase.class, PassingTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        String failing = EngineRuns.entry(results, FailingTestCase.class, "k8snet.namespace");
        String passing = EngineRuns.entry(results, PassingTestCase.class, "k8snet.namespace");
        assertThat(EngineRuns.entry(results, FailingTestCase.class, "k8snet.namespace.kept")).isEqualTo(failing);
        assertThat(EngineRuns.optionalEntry(results, PassingTestCase.class, "k8snet.namespace.kept")).isEmpty();
        assertThat(cluster.namespaces()).containsExactly(failing);
        assertThat(cluster.deletions()).containsExactly("DELETE /api/v1/namespaces/" + passing);
    }

    @Test
    void alwaysKeepsAPassingClassesNamespace(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.KEEP_NAMESPACE_KEY, "always"), PassingTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        String namespace = EngineRuns.entry(results, PassingTestCase.class, "k8snet.namespace");
        assertThat(EngineRuns.entry(results, PassingTestCase.class, "k8snet.namespace.kept")).isEqualTo(namespace);
        assertThat(cluster.namespaces()).containsExactly(namespace);
        assertThat(cluster.deletions()).isEmpty();
    }

    @Test
    void neverDeletesEvenAFailingClassesNamespace(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.KEEP_NAMESPACE_KEY, "never"), FailingTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.failed(1));
        String namespace = EngineRuns.entry(results, FailingTestCase.class, "k8snet.namespace");
        assertThat(EngineRuns.entries(results, "k8snet.namespace.kept")).isEmpty();
        assertThat(cluster.namespaces()).isEmpty();
        assertThat(cluster.deletions()).containsExactly("DELETE /api/v1/namespaces/" + namespace);
    }

    @EngineTestKitOnly
    @K8sNetTest
    static class AClassNameLongEnoughToFillMostOfTheNamespaceNameTestCase {
        @Test
        void clientInACompanionNamespace(NetTest net) {
            net.client(ClientSpec.named("c").inNamespace("monitoring-and-alerting").build());
        }
    }

    @Test
    void aCompanionNamespaceNameOverSixtyThreeCharactersIsShortenedAndDeletedWithTheClass(MockCluster cluster) {
        // The fake control plane runs no bare pods: the client never becomes ready, after its namespace exists.
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.READY_TIMEOUT_KEY, "1s"),
                AClassNameLongEnoughToFillMostOfTheNamespaceNameTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.failed(1));
        String ns = EngineRuns.entry(results, AClassNameLongEnoughToFillMostOfTheNamespaceNameTestCase.class,
                "k8snet.namespace");
        assertThat(ns.length() + "-monitoring-and-alerting".length()).as("unshortened length").isGreaterThan(63);
        String suffix = ns.substring(ns.lastIndexOf('-'));
        List<String> created = cluster.created(Namespace.class).stream().map(n -> n.getMetadata().getName()).toList();
        assertThat(created).hasSize(2).first().isEqualTo(ns);
        assertThat(created.get(1)).hasSizeLessThanOrEqualTo(63).startsWith("k8snet-namespacelifecycletest-")
                .contains(suffix + "-monitoring-and-alert").isEqualTo(NamespaceNames.companion(ns,
                        "monitoring-and-alerting"));
        assertThat(cluster.namespaces()).as("the companion goes with the class").isEmpty();
    }

    @Test
    void byDefaultTheDeletionIsRequestedAfterTheClassAndVerifiedGoneBeforeTheRunEnds(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(PassingTestCase.class, OtherPassingTestCase.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        assertThat(EngineRuns.entry(results, PassingTestCase.class, "k8snet.namespace.deletion"))
                .isEqualTo("requested; awaited in the background and verified gone before the run ends"
                        + " (k8snet.namespace.delete=background)");
        assertThat(EngineRuns.entries(results, "k8snet.namespace.deletion")).hasSize(2);
        assertThat(cluster.namespaces()).as("gone when the engine run returned").isEmpty();
    }

    @Test
    void waitDeletesInTheClassAndSaysNothingAboutTheBackground(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.NAMESPACE_DELETE_KEY, "wait"), PassingTestCase.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        String ns = EngineRuns.entry(results, PassingTestCase.class, "k8snet.namespace");
        assertThat(EngineRuns.entries(results, "k8snet.namespace.deletion")).isEmpty();
        assertThat(cluster.namespaces()).isEmpty();
        assertThat(cluster.deletions()).containsExactly("DELETE /api/v1/namespaces/" + ns);
    }

    @Test
    void aKeptNamespaceIsNotHandedToTheBackground(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.KEEP_NAMESPACE_KEY, "always"), PassingTestCase.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        assertThat(EngineRuns.entries(results, "k8snet.namespace.deletion")).isEmpty();
        assertThat(cluster.deletions()).isEmpty();
    }

    /** Its namespace gets a finalizer nobody removes: deleted, it stays Terminating (the mock keeps it, as the API server does). */
    @EngineTestKitOnly
    @K8sNetTest
    static class NamespaceThatStaysTerminatingTestCase {
        @Test
        void addsAFinalizer(NetTest net) {
            try (KubernetesClient c = MockClusterProvider.server().createClient()) {
                c.namespaces().withName(net.namespace()).edit(ns -> {
                    ns.getMetadata().setFinalizers(List.of("example.com/never-removed"));
                    return ns;
                });
            }
        }
    }

    @Test
    @DisplayName("bad input: a namespace deleted in the background that stays Terminating fails the run, naming it and its class")
    void aNamespaceNotGoneFailsTheRunNamingItsClass(MockCluster cluster) {
        long start = System.nanoTime();
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.DELETE_TIMEOUT_KEY, "1s"),
                NamespaceThatStaysTerminatingTestCase.class, PassingTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        String stuck = EngineRuns.entry(results, NamespaceThatStaysTerminatingTestCase.class, "k8snet.namespace");
        Throwable failure = results.containerEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(r -> r.getThrowable().orElseThrow()).findFirst().orElseThrow(() -> new AssertionError("no container failed"));
        assertThat(results.containerEvents().failed().count()).as("only the engine, at the run's end").isEqualTo(1);
        assertThat(failure).hasMessage("Failed to close extension context").cause()
                .hasMessageContaining("1 of 2 namespaces deleted in the background")
                .hasMessageContaining(stuck + " (test class " + NamespaceThatStaysTerminatingTestCase.class.getName() + ")")
                .hasMessageContaining("raise k8snet.timeout.delete");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(cluster.namespaces()).as("not forced: it stays Terminating").containsExactly(stuck);
    }

    @Test
    @DisplayName("bad input: with k8snet.namespace.delete=wait, a namespace that stays Terminating fails its own class")
    void withWaitTheClassItselfFails(MockCluster cluster) {
        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.DELETE_TIMEOUT_KEY, "1s",
                K8sNetTest.NAMESPACE_DELETE_KEY, "wait"), NamespaceThatStaysTerminatingTestCase.class);

        String stuck = EngineRuns.entry(results, NamespaceThatStaysTerminatingTestCase.class, "k8snet.namespace");
        Throwable failure = results.containerEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().toString().contains(NamespaceThatStaysTerminatingTestCase.class.getName()))
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(r -> r.getThrowable().orElseThrow()).findFirst().orElseThrow(() -> new AssertionError("the class did not fail"));
        assertThat(failure).hasMessageContaining("namespace " + stuck + " deleted");
    }

    private static final String THIS_RUN = "k8snet-of-this-run";

    /** Gives {@value #THIS_RUN} the current run's id before {@code @K8sNetTest} looks for stale namespaces. */
    static final class LabelWithTheCurrentRun implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            String runId = K8sNetTestExtension.runId(context);
            try (KubernetesClient c = MockClusterProvider.server().createClient()) {
                c.namespaces().withName(THIS_RUN).edit(ns -> {
                    ns.getMetadata().getLabels().put(NamespaceLabels.RUN_ID, runId);
                    return ns;
                });
            }
        }
    }

    @EngineTestKitOnly
    @ExtendWith(LabelWithTheCurrentRun.class)
    @K8sNetTest
    static class StaleCleanUpTestCase {
        @Test
        void passes() {
        }
    }

    @Test
    void removesOnlyOurNamespacesOfOtherRunsSilentForLongerThanTheStaleAge(MockCluster cluster) {
        // The mock server stamps creation itself, so age comes from the heartbeat annotation.
        Map<String, String> silentForTwoHours = Map.of(NamespaceLabels.HEARTBEAT, Instant.now().minus(Duration.ofHours(2)).toString());
        seed(cluster, "k8snet-left-by-killed-run", NamespaceLabels.labels("killed-run", Map.of()), silentForTwoHours);
        seed(cluster, "someone-elses", Map.of("team", "a"), silentForTwoHours);
        Instant thisRunCreated = seed(cluster, THIS_RUN, NamespaceLabels.labels("relabelled-at-start", Map.of()), silentForTwoHours);
        cluster.forgetWrites();

        EngineExecutionResults results = cluster.run(Map.of(K8sNetTest.STALE_NAMESPACE_AGE_KEY, "1m"), StaleCleanUpTestCase.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        String ns = EngineRuns.entry(results, StaleCleanUpTestCase.class, "k8snet.namespace");
        assertThat(EngineRuns.entry(results, StaleCleanUpTestCase.class, "k8snet.stale-namespaces-removed"))
                .isEqualTo("k8snet-left-by-killed-run");
        assertThat(cluster.namespaces()).containsExactlyInAnyOrder("someone-elses", THIS_RUN);
        String runId = cluster.created(Namespace.class).stream().filter(n -> n.getMetadata().getName().equals(ns))
                .findFirst().orElseThrow().getMetadata().getLabels().get(NamespaceLabels.RUN_ID);
        assertThat(cluster.namespace(THIS_RUN).getMetadata().getLabels()).containsEntry(NamespaceLabels.RUN_ID, runId);
        assertThat(Instant.parse(cluster.namespace(THIS_RUN).getMetadata().getCreationTimestamp()))
                .as("relabelling kept it silent long enough to be stale but for its run id").isEqualTo(thisRunCreated);
        assertThat(cluster.deletions()).containsExactly("DELETE /api/v1/namespaces/k8snet-left-by-killed-run",
                "DELETE /api/v1/namespaces/" + ns);
    }

    /** Creates a namespace and returns the creation time the server gave it. */
    private static Instant seed(MockCluster cluster, String name, Map<String, String> labels, Map<String, String> annotations) {
        Namespace ns = cluster.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(labels).withAnnotations(annotations).endMetadata().build()).create();
        return Instant.parse(ns.getMetadata().getCreationTimestamp());
    }
}
