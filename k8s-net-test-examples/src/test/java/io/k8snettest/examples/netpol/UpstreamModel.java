package io.k8snettest.examples.netpol;

import io.k8snettest.api.ModelSpec;
import java.time.Duration;

/**
 * What the ported upstream NetworkPolicy cases share. Every case runs in computed mode: it first asserts
 * that the table the policy engine computes from the cluster's policies, pods and namespaces
 * ({@code model.expectFromPolicies()}) equals upstream's hand-written table ({@code model.expect()...}),
 * then probes the computed table once; a wrong cell would come with the NetworkPolicy API's reason.
 */
final class UpstreamModel {

    /** Upstream's model: namespaces x, y, z; pods a, b, c; TCP 80 and 81. */
    static final ModelSpec STANDARD = ModelSpec.standard();
    /** How long every denied cell must stay denied: several 1 s probes of each blocked connection. */
    static final Duration WINDOW = Duration.ofSeconds(3);

    private UpstreamModel() {
    }
}
