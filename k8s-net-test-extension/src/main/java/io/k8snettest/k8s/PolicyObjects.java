package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Reads what NetworkPolicy verdicts depend on, for computing them without probing: the Namespace
 * objects (labels), Pods and NetworkPolicies of the given namespaces, and any cluster-wide policy the
 * engine does not compute (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy) so
 * that its presence can be refused instead of ignored. An API the cluster does not serve counts as
 * none.
 */
@API(status = INTERNAL, since = "0.1")
public final class PolicyObjects {

    /** Cluster-scoped policy APIs that override or back NetworkPolicies (sig-network's policy API). */
    static final List<ResourceDefinitionContext> OVERRIDING = List.of(
            clusterScoped("v1alpha1", "AdminNetworkPolicy", "adminnetworkpolicies"),
            clusterScoped("v1alpha1", "BaselineAdminNetworkPolicy", "baselineadminnetworkpolicies"),
            clusterScoped("v1alpha2", "ClusterNetworkPolicy", "clusternetworkpolicies"));

    private PolicyObjects() {
    }

    private static ResourceDefinitionContext clusterScoped(String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup("policy.networking.k8s.io").withVersion(version)
                .withKind(kind).withPlural(plural).withNamespaced(false).build();
    }

    /**
     * The Namespaces, Pods and NetworkPolicies of {@code namespaces} (a namespace that does not exist
     * is left out), then any overriding cluster-wide policies.
     */
    public static List<HasMetadata> read(KubernetesClient client, Collection<String> namespaces) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String name : new TreeSet<>(namespaces)) {
            Namespace namespace = client.namespaces().withName(name).get();
            if (namespace == null) {
                continue;
            }
            objects.add(namespace);
            objects.addAll(client.pods().inNamespace(name).list().getItems());
            objects.addAll(client.network().v1().networkPolicies().inNamespace(name).list().getItems());
        }
        for (ResourceDefinitionContext api : OVERRIDING) {
            try {
                objects.addAll(client.genericKubernetesResources(api).list().getItems());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
        return objects;
    }
}
