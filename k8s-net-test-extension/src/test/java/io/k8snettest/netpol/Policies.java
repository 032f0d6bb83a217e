package io.k8snettest.netpol;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;

/** NetworkPolicies written as YAML, as users write them (apiVersion and kind are filled in). */
final class Policies {

    private Policies() {
    }

    /** A policy in {@code namespace} from the YAML of its {@code metadata} and {@code spec}. */
    static NetworkPolicy policy(String namespace, String yaml) {
        NetworkPolicy policy = Serialization.unmarshal("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n" + yaml,
                NetworkPolicy.class);
        policy.getMetadata().setNamespace(namespace);
        return policy;
    }
}
