package io.k8snettest.matrix;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.plan.EqualitySelector;
import io.k8snettest.plan.Misuse;
import io.k8snettest.plan.NamespaceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Turns each label target of a plan ({@link MatrixPlan.Kind#LABELLED}) into one pod column per
 * matching pod, when the matrix runs: each gets the label target's expected column and is named
 * {@code <label target's column>[<pod>]}. No matching pod is refused, naming the selector, the
 * namespace and the pods there.
 */
final class LabelTargets {

    private LabelTargets() {
    }

    /** The plan with label targets expanded; {@code podsOf(namespace, selector)} lists the matching pods' names. */
    static MatrixPlan expand(MatrixPlan plan, BiFunction<String, String, List<String>> podsOf, String testNamespace) {
        if (plan.targets().stream().noneMatch(t -> t.kind() == MatrixPlan.Kind.LABELLED)) {
            return plan;
        }
        List<MatrixPlan.Target> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        for (int t = 0; t < plan.targets().size(); t++) {
            MatrixPlan.Target target = plan.targets().get(t);
            if (target.kind() != MatrixPlan.Kind.LABELLED) {
                targets.add(target);
                names.add(plan.targetNames().get(t));
                from.add(t);
                continue;
            }
            String ns = target.namespace() == null ? testNamespace : NamespaceNames.companion(testNamespace, target.namespace());
            List<String> pods = podsOf.apply(ns, target.name());
            for (String pod : pods) {
                targets.add(new MatrixPlan.Target(MatrixPlan.Kind.POD, target.namespace(), pod, null, target.port(),
                        target.protocol()));
                names.add(plan.targetNames().get(t) + "[" + pod + "]");
                from.add(t);
            }
        }
        boolean[][] expected = new boolean[plan.sources().size()][targets.size()];
        for (int s = 0; s < expected.length; s++) {
            for (int t = 0; t < targets.size(); t++) {
                expected[s][t] = plan.expected()[s][from.get(t)];
            }
        }
        return new MatrixPlan(plan.sources(), targets, names, expected, plan.window(), plan.everyNode());
    }

    /** The names of the pods in {@code ns} that {@code selector} matches and that run or will (not terminating, not finished); at least one. */
    static List<String> matching(KubernetesClient client, String ns, String selector) {
        String call = "matrix podsLabelled(\"" + selector + "\", ...)";
        List<Pod> all = client.pods().inNamespace(ns).list().getItems();
        List<String> names = client.pods().inNamespace(ns).withLabels(EqualitySelector.parse(call, selector)).list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getStatus() == null || !List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
                .map(p -> p.getMetadata().getName()).sorted().toList();
        if (names.isEmpty()) {
            throw Misuse.argument(call, "no running pod in namespace " + ns + " matches the label selector "
                    + Misuse.render(selector) + "; pods there: " + (all.isEmpty() ? "none" : all.stream()
                    .limit(10).map(p -> p.getMetadata().getName() + " " + p.getMetadata().getLabels()).toList()),
                    "fix the selector or the namespace, or create the pods before the matrix runs (declared workloads"
                            + " are ready before the test; NetTest.applyManifest waits for its deployments)");
        }
        return names;
    }
}
