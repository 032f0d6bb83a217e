package io.k8snettest.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.api.DnsResolution;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ServiceHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** Where the probes of one check go: a fixed address, or a headless service's name resolved on every probe. */
@API(status = INTERNAL, since = "0.1")
public sealed interface Destination {

    String description();

    /**
     * One probe from {@code from}. {@code single} probes one host and port. {@code every}: when the
     * destination stands for several addresses, whether all must get through (a positive check) or
     * one getting through is enough (a negative check's "got through").
     */
    ProbeResult probe(DefaultProbeClient from, BiFunction<String, Integer, ProbeResult> single, boolean every);

    /** A fixed host (ClusterIP, pod IP) and port. */
    record Fixed(String host, int port, String description) implements Destination {
        @Override
        public ProbeResult probe(DefaultProbeClient from, BiFunction<String, Integer, ProbeResult> single, boolean every) {
            return single.apply(host, port);
        }
    }

    /** A service's DNS name (with the cluster domain as the probing pod knows it) and service port. */
    record ServiceName(ServiceTarget target) implements Destination {
        @Override
        public String description() {
            return "DNS " + target.shortDnsName() + ".<cluster domain>";
        }

        @Override
        public ProbeResult probe(DefaultProbeClient from, BiFunction<String, Integer, ProbeResult> single, boolean every) {
            return single.apply(target.dnsName(from.clusterDomain()), target.servicePort());
        }
    }

    /**
     * A headless service's DNS name: resolved from the probing client on every probe (A and AAAA
     * records), and every address it resolves to probed on the pod port the service port resolves
     * to on that pod (a pod IP is reached directly; there is no service port translation).
     */
    record HeadlessName(KubernetesClient client, ServiceTarget target) implements Destination {

        @Override
        public String description() {
            return "DNS " + target.shortDnsName() + ".<cluster domain> (headless: every address it resolves to, on its pod port)";
        }

        @Override
        public ProbeResult probe(DefaultProbeClient from, BiFunction<String, Integer, ProbeResult> single, boolean every) {
            String name = target.dnsName(from.clusterDomain());
            DnsResolution resolution = from.resolve(name);
            if (!resolution.resolved()) {
                return resolution.lookup();
            }
            Map<String, Integer> podPorts = target.endpoints(client).stream()
                    .collect(Collectors.toMap(ServiceHandle.Endpoint::ip, ServiceHandle.Endpoint::port, (a, b) -> a));
            List<ProbeResult> results = new ArrayList<>();
            for (String ip : resolution.addresses()) {
                Integer port = podPorts.get(ip);
                ProbeResult r = port == null ? notAnEndpoint(resolution, ip) : single.apply(ip, port);
                r = relabel(r, r.target() + " (" + ip + " of " + name + " -> " + resolution.addresses() + ")");
                if (r.success() != every) {
                    return r; // every: the first that failed; any: the first that got through
                }
                results.add(r);
            }
            return results.get(results.size() - 1);
        }

        private ProbeResult notAnEndpoint(DnsResolution resolution, String ip) {
            ProbeResult l = resolution.lookup();
            return new ProbeResult(l.client(), ip, l.command(), -1, l.stdout(), "the name resolved to " + ip + ", which is no"
                    + " ready endpoint of " + target.describe() + " (yet, or any more), so its pod port is unknown", -1, false,
                    l.duration());
        }

        private static ProbeResult relabel(ProbeResult r, String target) {
            return new ProbeResult(r.client(), target, r.command(), r.exitCode(), r.stdout(), r.stderr(), r.httpStatus(),
                    r.success(), r.duration());
        }
    }
}
