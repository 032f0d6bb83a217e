package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.k8snettest.plan.Misuse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The engine's input built from Kubernetes objects (as read from a cluster or parsed from manifests):
 * NetworkPolicies, Namespaces (their labels) and Pods (labels, pod IP, named container ports).
 * Other kinds are ignored, except policy kinds the engine does not compute (AdminNetworkPolicy,
 * BaselineAdminNetworkPolicy, a CNI's own policies): their presence is an error, since they can change
 * any verdict. Pods the NetworkPolicy API does not cover (hostNetwork) or that cannot take part in
 * traffic (Succeeded, Failed) are kept aside with the reason, so naming one in a cell fails clearly.
 *
 * @param policies the NetworkPolicies
 * @param namespaces the namespaces
 * @param pods the pods a cell can name
 * @param unsupported pods a cell cannot name ({@code namespace/name} to why)
 */
@API(status = INTERNAL, since = "0.1")
public record PolicyModel(List<NetworkPolicy> policies, List<NamespaceInfo> namespaces, List<PodInfo> pods,
                          Map<String, String> unsupported) {

    public PolicyModel {
        policies = List.copyOf(policies);
        namespaces = List.copyOf(namespaces);
        pods = List.copyOf(pods);
        unsupported = Map.copyOf(unsupported);
    }

    /**
     * Sorts the objects into the model.
     *
     * @throws IllegalArgumentException for a policy kind the engine does not compute, naming it
     */
    public static PolicyModel of(Collection<? extends HasMetadata> objects) {
        List<NetworkPolicy> policies = new ArrayList<>();
        List<NamespaceInfo> namespaces = new ArrayList<>();
        List<PodInfo> pods = new ArrayList<>();
        Map<String, String> unsupported = new TreeMap<>();
        for (HasMetadata object : objects) {
            if (object instanceof NetworkPolicy policy) {
                policies.add(policy);
            } else if (object instanceof Namespace namespace) {
                namespaces.add(NamespaceInfo.of(namespace.getMetadata().getName(), labels(namespace)));
            } else if (object instanceof Pod pod) {
                String ref = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
                why(pod).ifPresentOrElse(reason -> unsupported.put(ref, reason), () -> pods.add(podInfo(pod)));
            } else {
                rejectOtherPolicies(object);
            }
        }
        return new PolicyModel(policies, namespaces, pods, unsupported);
    }

    private static void rejectOtherPolicies(HasMetadata object) {
        String kind = String.valueOf(object.getKind());
        String apiVersion = String.valueOf(object.getApiVersion());
        if (kind.contains("NetworkPolic") || apiVersion.startsWith("policy.networking.k8s.io/")) {
            String name = (object.getMetadata().getNamespace() == null ? "" : object.getMetadata().getNamespace() + "/")
                    + object.getMetadata().getName();
            throw Misuse.argument(kind + " " + name + " (" + apiVersion + ")",
                    "is a policy the engine does not compute (it computes networking.k8s.io/v1 NetworkPolicy only),"
                            + " and it can allow or deny what NetworkPolicies decide",
                    "remove it from the cluster or the input, or check the cell by probing instead of computing it");
        }
    }

    private static Optional<String> why(Pod pod) {
        if (pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            return Optional.of("it uses the host network; NetworkPolicy does not define what applies to it");
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return Optional.of("it has finished (phase " + phase + ")");
        }
        return Optional.empty();
    }

    private static PodInfo podInfo(Pod pod) {
        List<io.k8snettest.netpol.ContainerPort> ports = new ArrayList<>();
        String origin = "pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
        for (Container container : containers) {
            for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                ports.add(new io.k8snettest.netpol.ContainerPort(port.getName(), port.getContainerPort(),
                        Protocol.of(port.getProtocol(), origin + " container " + container.getName())));
            }
        }
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        return new PodInfo(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), labels(pod),
                ip == null || ip.isEmpty() ? null : ip, ports);
    }

    private static Map<String, String> labels(HasMetadata object) {
        return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    }

    /** An engine over this model's policies and namespaces. */
    public PolicyEngine engine() {
        return new PolicyEngine(policies, namespaces);
    }

    /**
     * One end of a cell: {@code namespace/pod}, a pod name in {@code defaultNamespace}, or else an IP
     * literal (an address outside the model).
     *
     * @param origin the call, for the error message
     * @throws IllegalArgumentException when it is neither a pod of the model nor an IP, listing the pods there
     */
    public Endpoint endpoint(String ref, String defaultNamespace, String origin) {
        String qualified = ref.contains("/") ? ref : defaultNamespace + "/" + ref;
        if (unsupported.containsKey(qualified)) {
            throw Misuse.argument(origin, "pod " + qualified + " cannot be explained: " + unsupported.get(qualified),
                    "name a pod on the pod network that is running or pending");
        }
        Optional<PodInfo> pod = pods.stream().filter(p -> p.display().equals(qualified)).findFirst();
        if (pod.isPresent()) {
            return pod.get();
        }
        if (!ref.contains("/") && (ref.contains(":") || ref.matches("[0-9.]+"))) {
            return new ExternalIp(ref);
        }
        String namespace = qualified.substring(0, qualified.indexOf('/'));
        throw Misuse.argument(origin, "no pod " + qualified + "; pods there: "
                        + pods.stream().map(PodInfo::display).filter(p -> p.startsWith(namespace + "/")).toList(),
                "name a pod as <pod> (test namespace) or <namespace>/<pod>, or give an IP");
    }
}
