package io.k8snettest.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NamespaceNamesTest {

    @Test
    void lowerCasesTheSimpleClassName() {
        assertThat(NamespaceNames.forTestClass("k8snet", "ConnectingApplicationsTest", "x7k2q"))
                .isEqualTo("k8snet-connectingapplicationstest-x7k2q");
    }

    @Test
    void usesTheClassNameWithoutItsPackage() {
        assertThat(NamespaceNames.forTestClass("k8snet", NamespaceNamesTest.class, "ab12c"))
                .isEqualTo("k8snet-namespacenamestest-ab12c");
    }

    @Test
    void nestedClassesJoinWithADash() {
        assertThat(NamespaceNames.forTestClass("k8snet", Inner.class, "ab12c"))
                .isEqualTo("k8snet-namespacenamestest-inner-ab12c");
        assertThat(NamespaceNames.forTestClass("k8snet", "Outer$Inner_Case", "ab12c"))
                .isEqualTo("k8snet-outer-inner-case-ab12c");
    }

    @Test
    void truncatesOnlyTheClassPartToSixtyThreeCharacters() {
        String name = NamespaceNames.forTestClass("k8snet",
                "AVeryLongTestClassNameThatDescribesEverythingItDoesInGreatDetailTest", "x7k2q");

        assertThat(name).hasSize(63).startsWith("k8snet-averylongtestclassname").endsWith("-x7k2q")
                .isEqualTo("k8snet-averylongtestclassnamethatdescribeseverythingitdoe-x7k2q");
    }

    @Test
    void truncationNeverLeavesADoubleDash() {
        // the cut falls right after "a-" of "...a-b...", which must not give "a--x7k2q"
        String className = "x".repeat(49) + "$B";

        assertThat(NamespaceNames.forTestClass("k8snet", className, "x7k2q"))
                .isEqualTo("k8snet-" + "x".repeat(49) + "-x7k2q");
    }

    @Test
    void digitsFirstAndOddCharactersStillGiveALabel() {
        assertThat(NamespaceNames.forTestClass("", "123Test", "x7k2q")).isEqualTo("123test-x7k2q");
        assertThat(NamespaceNames.forTestClass("K8S_Net", "Ünïcode$$Test", "X7K2Q"))
                .isEqualTo("k8s-net-n-code-test-x7k2q");
        assertThat(NamespaceNames.forTestClass("k8snet", "$$", "x7k2q")).isEqualTo("k8snet-x7k2q");
    }

    @Test
    void dropsTheClassPartWhenPrefixAndSuffixFillTheName() {
        String prefix = "p".repeat(56);

        assertThat(NamespaceNames.forTestClass(prefix, "SomeTest", "x7k2q")).isEqualTo(prefix + "-x7k2q");
    }

    @Test
    void refusesWhenPrefixAndSuffixAloneAreTooLong() {
        assertThatThrownBy(() -> NamespaceNames.forTestClass("p".repeat(60), "SomeTest", "x7k2q"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot build a namespace name from prefix '" + "p".repeat(60) + "', class 'SomeTest'"
                        + " and suffix 'x7k2q': '" + "p".repeat(60) + "-x7k2q' is not a DNS-1123 label of at most"
                        + " 63 characters");
    }

    @Test
    void companionNamespacesThatFitAreTheSessionNamespaceAndTheLogicalName() {
        assertThat(NamespaceNames.companion("k8snet-policytest-x7k2q", "other"))
                .isEqualTo("k8snet-policytest-x7k2q-other");
        String exactly63 = "k8snet-" + "c".repeat(44) + "-x7k2q";
        assertThat(NamespaceNames.companion(exactly63.substring(0, 57), "other")).hasSize(63);
    }

    @Test
    void longCompanionNamespacesAreShortenedKeepingPrefixSuffixAndLogicalName() {
        String session = NamespaceNames.forTestClass("k8snet",
                "AVeryLongTestClassNameThatDescribesEverythingItDoesInGreatDetailTest", "x7k2q");

        String name = NamespaceNames.companion(session, "monitoring");

        assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
                .matches("k8snet-averylongtestclassname[a-z]*-x7k2q-monitoring-[a-z0-9]{6}");
        assertThat(KubernetesNames.isDns1123Label(name)).isTrue();
        assertThat(NamespaceNames.companion(session, "monitoring")).as("deterministic").isEqualTo(name);
        assertThat(NamespaceNames.companion(session, "monitoring-2")).as("unique per logical name")
                .isNotEqualTo(name);
        assertThat(NamespaceNames.companion(session.replace("x7k2q", "y8m3r"), "monitoring"))
                .as("unique per session").isNotEqualTo(name).contains("-y8m3r-monitoring-");
    }

    @Test
    void longLogicalNamesAreCutButStayUnique() {
        String session = "k8snet-policytest-x7k2q";
        String logical = "a-very-long-logical-namespace-name-for-the-clients-of-team";

        String first = NamespaceNames.companion(session, logical + "-a");
        String second = NamespaceNames.companion(session, logical + "-b");

        assertThat(first).hasSizeLessThanOrEqualTo(63).startsWith("k8snet-policytest-x7k2q-a-very-long-logical")
                .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        assertThat(second).hasSizeLessThanOrEqualTo(63).isNotEqualTo(first);
        assertThat(NamespaceNames.companion("s".repeat(63), "l".repeat(63))).hasSize(63)
                .startsWith("s".repeat(35) + "-" + "l".repeat(MIN_LOGICAL) + "-");
    }

    private static final int MIN_LOGICAL = NamespaceNames.MIN_LOGICAL_LENGTH;

    @Nested
    class Inner {
        @Test
        void nestedTestClassesGetTheirOwnNameToo() {
            assertThat(NamespaceNames.forTestClass("k8snet", getClass(), "q"))
                    .isEqualTo("k8snet-namespacenamestest-inner-q");
        }
    }
}
