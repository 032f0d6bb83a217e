package io.k8snettest.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The cluster's DNS domain ({@code cluster.local} by default, but a kubelet setting), read from a
 * pod's {@code /etc/resolv.conf}: the kubelet writes its search list as
 * {@code <namespace>.svc.<domain> svc.<domain> <domain>}. Pure.
 */
@API(status = INTERNAL, since = "0.1")
public final class ClusterDomains {

    private ClusterDomains() {
    }

    /** The domain the search list of a pod in {@code namespace} names, if it names one. */
    public static Optional<String> fromResolvConf(String resolvConf, String namespace) {
        List<String> search = search(resolvConf);
        String own = namespace + ".svc.";
        Optional<String> domain = search.stream().filter(s -> s.startsWith(own) && s.length() > own.length())
                .map(s -> s.substring(own.length())).findFirst();
        return domain.isPresent() ? domain
                : search.stream().filter(s -> s.startsWith("svc.") && s.length() > 4).map(s -> s.substring(4)).findFirst();
    }

    /**
     * The domain, or an {@link IllegalStateException} that shows the file and says what to check.
     *
     * @param pod names the pod the file came from, for the message
     */
    public static String require(String resolvConf, String namespace, String pod) {
        return fromResolvConf(resolvConf, namespace).map(d -> d.endsWith(".") ? d.substring(0, d.length() - 1) : d)
                .orElseThrow(() -> new IllegalStateException("k8s-net-test: cannot tell the cluster's DNS domain: the search"
                        + " list in /etc/resolv.conf of pod " + pod + " has no '" + namespace + ".svc.<domain>' or"
                        + " 'svc.<domain>' entry (the kubelet writes them for pods with dnsPolicy ClusterFirst); the file"
                        + " reads: " + resolvConf.strip().replace('\n', '|') + ". Check the kubelet's clusterDomain and"
                        + " clusterDNS settings and that cluster DNS runs"));
    }

    private static List<String> search(String resolvConf) {
        return resolvConf.lines().map(String::strip).filter(l -> l.startsWith("search ") || l.startsWith("search\t"))
                .flatMap(l -> Arrays.stream(l.substring(6).strip().split("\\s+"))).toList();
    }
}
