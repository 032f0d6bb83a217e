package io.k8snettest.netpol;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model of the upstream NetworkPolicy e2e suite (test/e2e/network/netpol): namespaces x, y, z
 * labelled {@code ns=<name>} (plus the server's {@code kubernetes.io/metadata.name}), pods a, b, c in
 * each labelled {@code pod=<name>}, every pod serving 80 and 81 over TCP, UDP and SCTP on container
 * ports named {@code serve-<port>-<protocol>}. Pod IPs are made up (IPv4 or IPv6); the engine only
 * compares them with ipBlocks.
 */
final class UpstreamModel {

    static final List<String> NAMESPACES = List.of("x", "y", "z");
    static final List<String> PODS = List.of("a", "b", "c");

    private final Map<String, Map<String, String>> namespaceLabels = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> podLabels = new LinkedHashMap<>();
    private final boolean ipv6;

    UpstreamModel(boolean ipv6) {
        this.ipv6 = ipv6;
        for (String ns : NAMESPACES) {
            namespaceLabels.put(ns, new TreeMap<>(Map.of("ns", ns)));
            for (String pod : PODS) {
                podLabels.put(ns + "/" + pod, new TreeMap<>(Map.of("pod", pod)));
            }
        }
    }

    UpstreamModel() {
        this(false);
    }

    /** Adds a label to a namespace (upstream's "updated namespace" cases). */
    UpstreamModel labelNamespace(String namespace, String key, String value) {
        namespaceLabels.get(namespace).put(key, value);
        return this;
    }

    /** Adds a label to a pod ({@code x/b}; upstream's "updated pod" cases). */
    UpstreamModel labelPod(String pod, String key, String value) {
        podLabels.get(pod).put(key, value);
        return this;
    }

    List<NamespaceInfo> namespaces() {
        return namespaceLabels.entrySet().stream().map(e -> NamespaceInfo.of(e.getKey(), e.getValue())).toList();
    }

    List<PodInfo> pods() {
        List<PodInfo> pods = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> entry : podLabels.entrySet()) {
            String[] parts = entry.getKey().split("/");
            pods.add(new PodInfo(parts[0], parts[1], entry.getValue(), ip(entry.getKey()), containerPorts()));
        }
        return pods;
    }

    PodInfo pod(String name) {
        return pods().stream().filter(p -> p.display().equals(name)).findFirst().orElseThrow();
    }

    /** The made-up IP of a pod: 10.42.<ns>.<pod+10> or fd00:10:42:<ns>::<pod+10>. */
    String ip(String pod) {
        int ns = NAMESPACES.indexOf(pod.substring(0, 1));
        int index = PODS.indexOf(pod.substring(2)) + 10;
        return ipv6 ? "fd00:10:42:" + ns + "::" + index : "10.42." + ns + "." + index;
    }

    /** {@code <ip>/32} or {@code <ip>/128}, as upstream builds a host CIDR. */
    String hostCidr(String pod) {
        return ip(pod) + (ipv6 ? "/128" : "/32");
    }

    /** The /4 containing the pod's IP (upstream's makeLargeCIDRForIP). */
    String largeCidr(String pod) {
        String ip = ip(pod);
        if (ipv6) {
            return ip.charAt(0) + "000::/4";
        }
        return (Integer.parseInt(ip.substring(0, ip.indexOf('.'))) & 0xf0) + ".0.0.0/4";
    }

    private static List<ContainerPort> containerPorts() {
        List<ContainerPort> ports = new ArrayList<>();
        for (int port : new int[] {80, 81}) {
            for (Protocol protocol : Protocol.values()) {
                ports.add(new ContainerPort("serve-" + port + "-" + protocol.name().toLowerCase(java.util.Locale.ROOT),
                        port, protocol));
            }
        }
        return ports;
    }

    /** The engine's table for these policies on one port and protocol. */
    Truth computed(List<NetworkPolicy> policies, int port, Protocol protocol) {
        PolicyEngine engine = new PolicyEngine(policies, namespaces());
        Truth truth = new Truth(pods());
        for (PodInfo from : pods()) {
            for (PodInfo to : pods()) {
                Verdict verdict = engine.explain(new Cell(from, to, port, protocol));
                truth.set(from.display(), to.display(), verdict.allowed(), verdict.reason());
            }
        }
        return truth;
    }

    /** A fresh expectation: everything connected, as upstream's NewReachability(pods, true). */
    Truth expect() {
        return new Truth(pods());
    }
}
