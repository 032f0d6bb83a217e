package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.ClientSpec;
import org.apiguardian.api.API;

/**
 * The client of a reachability check: either a probe pod we create ({@link #spec()}) or a pod that
 * already runs ({@link #existingPod()}).
 */
@API(status = INTERNAL, since = "0.1")
public record ClientRef(ClientSpec spec, String existingPod) {

    public static ClientRef probe(ClientSpec spec) {
        return new ClientRef(spec, null);
    }

    public static ClientRef existing(String podName) {
        return new ClientRef(null, podName);
    }

    public boolean isExisting() {
        return existingPod != null;
    }

    public String displayName() {
        return isExisting() ? "pod " + existingPod : spec.name() + (spec.namespace() == null ? "" : " (namespace " + spec.namespace() + ")");
    }
}
