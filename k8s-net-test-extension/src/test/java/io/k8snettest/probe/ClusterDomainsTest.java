package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cluster's DNS domain, read from the search list the kubelet writes into a pod's /etc/resolv.conf. */
class ClusterDomainsTest {

    @Test
    void theDefaultDomain() {
        String conf = "search ns1.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n";

        assertThat(ClusterDomains.require(conf, "ns1", "ns1/probe")).isEqualTo("cluster.local");
    }

    @Test
    void aCustomDomainAndHostSearchEntries() {
        String conf = "nameserver 10.43.0.10\nsearch ns1.svc.k8s.corp.internal svc.k8s.corp.internal k8s.corp.internal"
                + " corp.internal\noptions ndots:5\n";

        assertThat(ClusterDomains.require(conf, "ns1", "ns1/probe")).isEqualTo("k8s.corp.internal");
    }

    @Test
    void theNamespaceEntryWinsOverAHostEntryThatLooksAlike() {
        String conf = "search svc.lab.internal ns1.svc.cluster.local svc.cluster.local cluster.local\n";

        assertThat(ClusterDomains.require(conf, "ns1", "ns1/probe")).isEqualTo("cluster.local");
        assertThat(ClusterDomains.fromResolvConf("search svc.cluster.local\n", "other")).contains("cluster.local");
    }

    @Test
    @DisplayName("bad input: a resolv.conf without a cluster search entry fails naming the pod, the file and what to check")
    void noClusterSearchEntry() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> ClusterDomains.require("nameserver 1.1.1.1\nsearch example.org\n", "ns1", "ns1/probe"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("k8s-net-test: cannot tell the cluster's DNS domain: the search list in /etc/resolv.conf of pod"
                        + " ns1/probe has no 'ns1.svc.<domain>' or 'svc.<domain>' entry (the kubelet writes them for pods with"
                        + " dnsPolicy ClusterFirst); the file reads: nameserver 1.1.1.1|search example.org. Check the kubelet's"
                        + " clusterDomain and clusterDNS settings and that cluster DNS runs");
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }
}
