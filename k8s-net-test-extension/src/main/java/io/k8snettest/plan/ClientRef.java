package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.ClientSpec;
import org.apiguardian.api.API;

/**
 * The client of a reachability check: either a probe pod we create ({@link #spec()}), one such pod on
 * every schedulable node ({@link #everyNode()}), or a pod that already runs ({@link #existingPod()}).
 */
@API(status = INTERNAL, since = "0.1")
public record ClientRef(ClientSpec spec, String existingPod, boolean everyNode) {

    public static ClientRef probe(ClientSpec spec) {
        return new ClientRef(spec, null, false);
    }

    /** One client of {@code spec}'s identity on every schedulable node. */
    public static ClientRef onEveryNode(ClientSpec spec) {
        return new ClientRef(spec, null, true);
    }

    public static ClientRef existing(String podName) {
        return new ClientRef(null, podName, false);
    }

    public boolean isExisting() {
        return existingPod != null;
    }

    public String displayName() {
        return isExisting() ? "pod " + existingPod : spec.name() + (spec.namespace() == null ? "" : " (namespace " + spec.namespace() + ")")
                + (everyNode ? " on every node" : spec.placement().isAny() ? "" : " placed " + spec.placement());
    }
}
