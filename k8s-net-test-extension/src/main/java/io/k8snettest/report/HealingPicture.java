package io.k8snettest.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A service healing after pods were deleted, as {@link HtmlReport} draws it: the probes sent
 * during the disruption on a time line that starts at the deletion, and the moments the deleted
 * endpoints left, the replacements joined and the service served again. Neutral.
 *
 * @param service      the service (and how it was probed)
 * @param deletedPods  the pods deleted at time 0
 * @param leftIps      endpoint IPs that left
 * @param joinedIps    endpoint IPs that joined
 * @param samples      the probes, in order of sending
 * @param endpointLeft when no deleted pod's IP was a ready endpoint any more
 * @param replacementJoined when the endpoints held as many ready addresses as before again
 * @param serving      when the service served again
 */
@API(status = INTERNAL, since = "0.1")
public record HealingPicture(String service, List<String> deletedPods, List<String> leftIps, List<String> joinedIps,
                             List<Sample> samples, Duration endpointLeft, Duration replacementJoined, Duration serving) {

    /** One probe: sent {@code at} after the deletion; {@code ok} when it got through. */
    public record Sample(Duration at, boolean ok) {
    }

    public HealingPicture {
        deletedPods = List.copyOf(deletedPods);
        leftIps = List.copyOf(leftIps);
        joinedIps = List.copyOf(joinedIps);
        samples = List.copyOf(samples);
    }

    /** Probes that did not get through. */
    public long failedProbes() {
        return samples.stream().filter(s -> !s.ok()).count();
    }
}
