package io.k8snettest.examples.netpol;

import io.k8snettest.api.ModelSpec;
import java.time.Duration;

/** What the ported upstream NetworkPolicy cases share. */
final class UpstreamModel {

    /** Upstream's model: namespaces x, y, z; pods a, b, c; TCP 80 and 81. */
    static final ModelSpec STANDARD = ModelSpec.standard();
    /** How long every denied cell must stay denied: several 1 s probes of each blocked connection. */
    static final Duration WINDOW = Duration.ofSeconds(3);

    private UpstreamModel() {
    }
}
