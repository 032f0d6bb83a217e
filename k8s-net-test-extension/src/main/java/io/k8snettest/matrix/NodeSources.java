package io.k8snettest.matrix;

import io.k8snettest.api.ClientSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Turns each source declared with {@code sourceOnEveryNode} into one source per schedulable node
 * (named and placed as the probe clients say), each with the declared source's expected row. Pure:
 * the nodes come from {@code perNode}.
 */
final class NodeSources {

    private NodeSources() {
    }

    /** @param perNode the per-node identities of a client, the second argument naming the call for messages */
    static MatrixPlan expand(MatrixPlan plan, BiFunction<ClientSpec, String, List<ClientSpec>> perNode) {
        if (plan.everyNode().isEmpty()) {
            return plan;
        }
        List<ClientSpec> sources = new ArrayList<>();
        List<boolean[]> rows = new ArrayList<>();
        for (int s = 0; s < plan.sources().size(); s++) {
            ClientSpec source = plan.sources().get(s);
            List<ClientSpec> expanded = plan.everyNode().contains(source.name())
                    ? perNode.apply(source, "matrix sourceOnEveryNode(\"" + source.name() + "\")") : List.of(source);
            for (ClientSpec one : expanded) {
                sources.add(one);
                rows.add(plan.expected()[s].clone());
            }
        }
        return new MatrixPlan(sources, plan.targets(), plan.targetNames(), rows.toArray(boolean[][]::new), plan.window(),
                java.util.Set.of());
    }
}
