package io.k8snettest.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.k8s.NamespaceLabels;
import io.k8snettest.k8s.ResourceFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/** The probe pod of a client identity. Pure. */
@API(status = INTERNAL, since = "0.1")
public final class ProbePods {

    public static final String CLIENT_LABEL = "k8s-net-test.io/client";
    public static final String CONTAINER = "probe";
    /** Sleeps until told to stop; the trap makes it exit at once on SIGTERM (PID 1 ignores it otherwise). */
    static final List<String> COMMAND = List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 3600 & wait $!; done");
    static final long NOBODY = 65534L;

    private ProbePods() {
    }

    /** The services (as {@code service <name> (selector {...})}) whose selector matches these pod labels. */
    public static List<String> servicesSelecting(Map<String, String> podLabels, List<Service> services) {
        return services.stream()
                .filter(s -> s.getSpec() != null && s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty())
                .filter(s -> s.getSpec().getSelector().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(podLabels.get(e.getKey()))))
                .map(s -> "service " + s.getMetadata().getName() + " (selector "
                        + new java.util.TreeMap<>(s.getSpec().getSelector()) + ")")
                .toList();
    }

    /**
     * A pod that passes Pod Security "restricted": non-root (nobody), no privilege escalation, all
     * capabilities dropped, RuntimeDefault seccomp.
     */
    public static Pod pod(ClientSpec spec, String namespace, String image) {
        return pod(spec, namespace, image, COMMAND);
    }

    /** The sleeping probe pod, placed by {@code affinity} (null: any node; see {@code k8s.NodePlacement}). */
    public static Pod pod(ClientSpec spec, String namespace, String image, Affinity affinity) {
        Pod pod = pod(spec, namespace, image, COMMAND);
        pod.getSpec().setAffinity(affinity);
        return pod;
    }

    /** The same restricted pod running {@code command} instead of sleeping (e.g. a small server). */
    public static Pod pod(ClientSpec spec, String namespace, String image, List<String> command) {
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(NamespaceLabels.MANAGED_BY, NamespaceLabels.MANAGED_BY_VALUE);
        labels.put(CLIENT_LABEL, spec.name());
        return new PodBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(1L)
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(NOBODY).withRunAsGroup(NOBODY)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer().withName(CONTAINER).withImage(image).withImagePullPolicy("IfNotPresent")
                .withCommand(command).withEnv(ResourceFactory.env(spec.env()))
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withRunAsNonRoot(true)
                .withRunAsUser(NOBODY).withRunAsGroup(NOBODY)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .endContainer()
                .endSpec().build();
    }
}
