package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.Via;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * One declared reachability check ({@code @ReachableFrom} or {@code @NotReachableFrom}).
 *
 * @param expectReachable  true for {@code @ReachableFrom}
 * @param client           who probes
 * @param service          target service name
 * @param port             service port, -1 for its first port
 * @param via              how the service is addressed
 * @param protocol         HTTP or TCP
 * @param path             HTTP path
 * @param expectStatus     expected HTTP status (positive checks)
 * @param expectBody       expected body substring, empty for none (positive checks)
 * @param timeout          bound of a positive check
 * @param stabilityWindow  how long a negative check must hold
 * @param controlClient    client name for the positive control of a negative check; null: port-forward control
 * @param origin           where it was declared, for messages
 */
@API(status = INTERNAL, since = "0.1")
public record ReachabilitySpec(boolean expectReachable, ClientRef client, String service, int port, Via via,
                               ProbeProtocol protocol, String path, int expectStatus, String expectBody,
                               Duration timeout, Duration stabilityWindow, String controlClient, String origin) {
}
