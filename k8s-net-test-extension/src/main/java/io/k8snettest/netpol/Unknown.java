package io.k8snettest.netpol;

import io.k8snettest.plan.Misuse;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fields the engine does not know (fabric8 keeps them as additional properties): a newer API field,
 * a typo, another object's field. Refused, since a verdict that ignores them could be wrong.
 */
final class Unknown {

    private Unknown() {
    }

    static void reject(Map<String, Object> additional, String origin) {
        if (additional != null && !additional.isEmpty()) {
            throw Misuse.argument(origin, "has fields the policy engine does not understand: "
                            + new TreeSet<>(additional.keySet()),
                    "the engine knows networking.k8s.io/v1 NetworkPolicy only; remove or fix the fields,"
                            + " or check this object with the cluster instead of computing it");
        }
    }
}
