package io.k8snettest.check;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.plan.ReachabilitySpec;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.Destination;
import java.util.List;
import java.util.function.BiFunction;

/** What a declared check probes, and how: shared by the check and its positive control. */
final class CheckProbes {

    private CheckProbes() {
    }

    /**
     * One probe of one host and port. For a positive HTTP check success means the expected status
     * and body; for a negative one (and a control) any HTTP answer means the target was reached.
     */
    static BiFunction<String, Integer, ProbeResult> single(DefaultProbeClient from,
                                                          ReachabilitySpec spec, boolean expectations) {
        return (host, port) -> {
            if (spec.protocol() == ProbeProtocol.TCP) {
                return from.tcp(host, port);
            }
            return expectations ? from.http(host, port, spec.path(), spec.expectStatus(), spec.expectBody())
                    : from.httpAnswered(host, port, spec.path());
        };
    }

    /** Where the check's probes go: the ClusterIP, the DNS name, or each ready endpoint ({@link ReachabilitySpec#via}). */
    static List<Destination> destinations(KubernetesClient client, ReachabilitySpec spec, ServiceTarget target) {
        return switch (spec.via()) {
            case CLUSTER_IP -> List.of(new Destination.Fixed(target.clusterIp(), target.servicePort(), "ClusterIP " + target.clusterIp()));
            case DNS -> List.of(target.headless() ? new Destination.HeadlessName(client, target)
                    : new Destination.ServiceName(target));
            case EACH_ENDPOINT -> {
                List<ServiceHandle.Endpoint> endpoints = target.endpoints(client);
                if (endpoints.isEmpty()) {
                    throw new AssertionError(target.describe() + " has no ready endpoint to probe");
                }
                yield endpoints.stream().<Destination>map(e -> new Destination.Fixed(e.ip(), e.port(), "endpoint " + e.ip()
                        + ":" + e.port() + (e.podName() == null ? "" : " (pod " + e.podName() + ")"))).toList();
            }
        };
    }
}
