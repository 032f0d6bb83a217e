package io.k8snettest.api;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What happened while a service's endpoints healed after pods were deleted.
 *
 * @param service            the service
 * @param deletedPods        pods that were deleted
 * @param leftIps            endpoint IPs that left (the deleted pods' IPs)
 * @param joinedIps          endpoint IPs that joined (the replacements)
 * @param endpointsBefore    ready endpoint IPs before the deletion
 * @param endpointsAfter     ready endpoint IPs after healing
 * @param timeToRemoval      from the delete call until no deleted IP was a ready endpoint (the moment the service's
 *                           EndpointSlice watch delivered that state; a poll's moment only when the watch broke)
 * @param timeToHeal         from the delete call until the endpoints held the desired number of ready replicas again
 *                           (timed like {@code timeToRemoval})
 * @param timeToServing      from the delete call until the service served again after healing (its ClusterIP; for a
 *                           headless service every address its DNS name resolves to, which are then the ready endpoints)
 * @param probesSent         probes sent during the disruption (TCP to the ClusterIP; for a headless service a DNS
 *                           lookup and a TCP connect to every address, which all must answer for the probe to pass)
 * @param probesFailed       how many of them failed
 */
public record HealingReport(String service, List<String> deletedPods, Set<String> leftIps, Set<String> joinedIps,
                            Set<String> endpointsBefore, Set<String> endpointsAfter, Duration timeToRemoval,
                            Duration timeToHeal, Duration timeToServing, int probesSent, int probesFailed) {

    @Override
    public String toString() {
        return "service " + service + " healed in " + timeToHeal.toMillis() + " ms (deleted IPs gone after "
                + timeToRemoval.toMillis() + " ms, serving after " + timeToServing.toMillis() + " ms): left "
                + leftIps + ", joined " + joinedIps + ", endpoints " + endpointsBefore + " -> " + endpointsAfter
                + ", probes failed during disruption: " + probesFailed + "/" + probesSent;
    }
}
