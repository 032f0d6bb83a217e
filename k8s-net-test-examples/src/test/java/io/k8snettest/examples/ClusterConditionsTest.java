package io.k8snettest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.EnabledIfNetworkPolicyEnforced;
import io.k8snettest.api.EnabledIfServerVersion;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.WithManifest;
import org.junit.jupiter.api.Test;

/**
 * Conditions on the cluster, as JUnit conditions with the cluster's answer as the skip reason: the
 * class needs Kubernetes 1.30 or newer, one method a cluster that enforces NetworkPolicy. And the
 * service's DNS name carries the cluster's domain, as the pods' resolver knows it.
 */
@K8sNetTest
@EnabledIfServerVersion(min = "1.30")
@WithManifest("run-my-nginx.yaml")
@ExposeService(deployment = "my-nginx")
class ClusterConditionsTest {

    @Test
    void theDnsNameUsesTheClusterDomainAndResolvesToTheClusterIp(NetTest net) {
        ServiceHandle svc = net.service("my-nginx");
        ProbeClient probe = net.client("probe");
        String resolvConf = probe.exec("cat", "/etc/resolv.conf").stdout();

        assertThat(svc.dnsName()).startsWith("my-nginx." + net.namespace() + ".svc.");
        String domain = svc.dnsName().substring(("my-nginx." + net.namespace() + ".svc.").length());
        assertThat(resolvConf).contains(net.namespace() + ".svc." + domain);
        assertThat(probe.resolve(svc.dnsName()).addresses()).containsExactly(svc.clusterIP());
    }

    @Test
    @EnabledIfNetworkPolicyEnforced
    @WithManifest("policies/default-deny-ingress.yaml")
    @NotReachableFrom(client = "load-generator", service = "my-nginx", stabilityWindow = "2s")
    void denyAllBlocksWhereNetworkPolicyIsEnforced() {
        // runs only where the canary found NetworkPolicy enforced; the check runs after this body
    }
}
