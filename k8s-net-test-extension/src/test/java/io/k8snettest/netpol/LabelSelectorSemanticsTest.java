package io.k8snettest.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Label selectors (metav1 semantics): each operator with the nearest mistake it is told apart from. */
class LabelSelectorSemanticsTest {

    private static boolean matches(String selectorYaml, String labels) {
        LabelSelector selector = Serialization.unmarshal("---\n" + selectorYaml, LabelSelector.class); // YAML flow style, not JSON
        Selectors.validate(selector, "test");
        return Selectors.matches(selector, Fixture.labels(labels));
    }

    @Test
    @DisplayName("the empty selector matches everything, unlabelled too; mistake: it matches nothing")
    void emptyMatchesAll() {
        assertThat(matches("{}", "")).isTrue();
        assertThat(matches("{matchLabels: {}}", "a=b")).isTrue();
    }

    @Test
    @DisplayName("matchLabels needs every pair; mistake: any pair")
    void matchLabelsAll() {
        assertThat(matches("{matchLabels: {a: '1', b: '2'}}", "a=1,b=2,c=3")).isTrue();
        assertThat(matches("{matchLabels: {a: '1', b: '2'}}", "a=1")).isFalse();
    }

    @Test
    @DisplayName("In needs the key with a listed value; mistake: a missing key passes")
    void in() {
        assertThat(matches("{matchExpressions: [{key: tier, operator: In, values: [web, api]}]}", "tier=api")).isTrue();
        assertThat(matches("{matchExpressions: [{key: tier, operator: In, values: [web, api]}]}", "tier=db")).isFalse();
        assertThat(matches("{matchExpressions: [{key: tier, operator: In, values: [web, api]}]}", "")).isFalse();
    }

    @Test
    @DisplayName("NotIn holds for a missing key; mistake: NotIn requires the key")
    void notIn() {
        assertThat(matches("{matchExpressions: [{key: tier, operator: NotIn, values: [db]}]}", "")).isTrue();
        assertThat(matches("{matchExpressions: [{key: tier, operator: NotIn, values: [db]}]}", "tier=web")).isTrue();
        assertThat(matches("{matchExpressions: [{key: tier, operator: NotIn, values: [db]}]}", "tier=db")).isFalse();
    }

    @Test
    @DisplayName("Exists looks at the key, any value (also empty); mistake: Exists needs a non-empty value")
    void exists() {
        assertThat(matches("{matchExpressions: [{key: canary, operator: Exists}]}", "canary=")).isTrue();
        assertThat(matches("{matchExpressions: [{key: canary, operator: Exists}]}", "other=x")).isFalse();
    }

    @Test
    @DisplayName("DoesNotExist holds only without the key; mistake: it holds when the value is empty")
    void doesNotExist() {
        assertThat(matches("{matchExpressions: [{key: canary, operator: DoesNotExist}]}", "other=x")).isTrue();
        assertThat(matches("{matchExpressions: [{key: canary, operator: DoesNotExist}]}", "canary=")).isFalse();
    }

    @Test
    @DisplayName("matchLabels and matchExpressions are ANDed; mistake: ORed")
    void labelsAndExpressions() {
        String selector = "{matchLabels: {app: web}, matchExpressions: [{key: tier, operator: NotIn, values: [db]}]}";
        assertThat(matches(selector, "app=web")).isTrue();
        assertThat(matches(selector, "app=web,tier=db")).isFalse();
        assertThat(matches(selector, "app=api")).isFalse();
    }

    @Test
    @DisplayName("values are compared case-sensitively; mistake: case-insensitive labels")
    void caseSensitive() {
        assertThat(matches("{matchLabels: {app: Web}}", "app=web")).isFalse();
    }
}
