package io.k8snettest.examples.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.PolicyModel;
import io.k8snettest.api.WithManifest;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * The computed mode ({@link PolicyModel#expectFromPolicies()}) fails with the NetworkPolicy API's reason
 * for every wrong cell, on the real cluster: a hand-written table that contradicts the policies (caught
 * before probing), and a data plane that does not do what the computed table says.
 *
 * <p>This cluster's CNI honours the policies, so the second case makes the data plane disagree
 * honestly: the table is computed while a deny-ingress policy is in force, then the policy is deleted
 * and a hand-written all-allowed matrix proves the data plane has followed; probing the stale computed
 * table then fails exactly as it would on a CNI that ignored the policy.
 */
class PolicyModelCatalogueTest {

    /** Namespaces x, y; pods a, b; TCP 80: 4 x 4 cells. */
    static final ModelSpec SMALL = ModelSpec.standard().withNamespaces("x", "y").withPods("a", "b").withPorts(80);

    @CatalogueCase
    @K8sNetTest
    static class ComputedModeTestCase {

        @Test
        @WithManifest("netpol/deny-ingress.yaml")
        void handWrittenTableContradictsThePolicies(NetTest net) {
            PolicyModel model = net.model(SMALL);
            // wrong on purpose: deny-ingress isolates every pod of x, not only x/a
            model.expectFromPolicies().assertSameAs(model.expect().deny("*", "x/a"));
        }

        @Test
        void dataPlaneDisagreesWithTheComputedTable(NetTest net) {
            PolicyModel model = net.model(SMALL);
            net.applyManifest("netpol/deny-ingress.yaml");
            PolicyModel.ComputedExpectation computed = model.expectFromPolicies();
            net.deleteManifest("netpol/deny-ingress.yaml");
            model.expect().allowAll().assertMatches(); // the data plane now allows everything again

            computed.stabilityWindow(Duration.ofSeconds(2)).assertMatches();
        }
    }

    @Test
    @DisplayName("bad input: computed mode -> a hand-written table that contradicts the policies, and a data plane that"
            + " contradicts the computed table, both fail naming each wrong cell with the NetworkPolicy API's reason")
    void computedModeExplainsEveryWrongCell(TestReporter reporter) {
        Catalogue.Verdict verdict = Catalogue.run(reporter, ComputedModeTestCase.class, Map.of(K8sNetTest.PROBE_TIMEOUT_KEY, "15s"));
        String message = verdict.assertFailedWithin(Duration.ofSeconds(240));

        assertThat(verdict.failedTests()).as("both cases fail").isEqualTo(2);
        assertThat(verdict.results().allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("k8snet.model.computed"))
                .filter(Objects::nonNull).toList())
                .as("each computed table is reported").hasSize(2)
                .allMatch(entry -> entry.matches("16 cells computed from 1 NetworkPolicy object\\(s\\) \\(read and computed in \\d+ ms\\)"));
        assertThat(message)
                .contains("PolicyModel.expectFromPolicies().assertSameAs(...): the hand-written table and the one computed"
                        + " from the NetworkPolicies differ (nothing was probed)")
                .contains("3 cell(s) differ:")
                .contains("  x/a -> x/b:80/tcp: hand-written allow, NetworkPolicy API denied: ingress to x/b:80/TCP from x/a:"
                        + " x/b is selected by x/deny-ingress; no ingress rule admits x/a on 80/TCP (x/deny-ingress admits nothing)");
        assertThat(message)
                .contains("the expected table was computed from the NetworkPolicies in the cluster, so the CNI disagrees"
                        + " with the NetworkPolicy API (networking.k8s.io/v1) on these cells")
                .contains("  y/a -> x/a:80/tcp: expected deny, ")
                .contains("    NetworkPolicy API: denied: ingress to x/a:80/TCP from y/a: x/a is selected by x/deny-ingress;"
                        + " no ingress rule admits y/a on 80/TCP (x/deny-ingress admits nothing)\n    reproduce: kubectl exec -n ");
    }
}
