package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.k8snettest.plan.DeploymentSpec;
import io.k8snettest.plan.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/** Builds the objects the annotations declare. Pure: no client. */
@API(status = INTERNAL, since = "0.1")
public final class ResourceFactory {

    private ResourceFactory() {
    }

    /**
     * A Deployment whose single container is named like the deployment; the pull policy is left to
     * Kubernetes (Always for {@code :latest} or no tag, IfNotPresent otherwise), command/args only
     * when given. With ports, a TCP readiness probe on the first one (every second): Ready then
     * means "accepts connections", and a container that exits at once is never Ready. A pinned deployment
     * gets a {@link #nodeAffinity node affinity}, a spread one a {@link #spread topology spread constraint}.
     */
    public static Deployment deployment(DeploymentSpec spec, String namespace) {
        Map<String, String> labels = new TreeMap<>(spec.labels());
        return new DeploymentBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(namespace).withLabels(labels)
                .addToLabels(NamespaceLabels.MANAGED_BY, NamespaceLabels.MANAGED_BY_VALUE).endMetadata()
                .withNewSpec().withReplicas(spec.replicas())
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withAffinity(spec.node().isEmpty() ? null : nodeAffinity("In", List.of(spec.node())))
                .withTopologySpreadConstraints(spec.spread() ? List.of(spread(labels)) : List.of())
                .addNewContainer()
                .withName(spec.name()).withImage(spec.image())
                .withImagePullPolicy(spec.imagePullPolicy().isEmpty() ? null : spec.imagePullPolicy())
                .withCommand(spec.command().isEmpty() ? null : spec.command())
                .withArgs(spec.args().isEmpty() ? null : spec.args())
                .withEnv(env(spec.env()))
                .withPorts(spec.ports().stream().map(p -> new ContainerPortBuilder().withContainerPort(p)
                        .withProtocol("TCP").build()).toList())
                .withReadinessProbe(spec.ports().isEmpty() ? null : new ProbeBuilder().withNewTcpSocket()
                        .withPort(new IntOrString(spec.ports().get(0))).endTcpSocket().withPeriodSeconds(1).build())
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    /**
     * A required node affinity on the node's name ({@code matchFields: metadata.name <operator> values}), as the
     * DaemonSet controller pins its pods: exactly these nodes ({@code In}) or any but these ({@code NotIn}); the
     * scheduler still honours cordons and taints, and says why when no node fits.
     */
    public static Affinity nodeAffinity(String operator, List<String> nodes) {
        return new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchField().withKey("metadata.name").withOperator(operator)
                .withValues(nodes).endMatchField().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
    }

    /**
     * Replicas spread over nodes: at most one more on any node than on another ({@code maxSkew: 1} on
     * {@code kubernetes.io/hostname}, {@code DoNotSchedule}), counting only nodes the pods may use (taints and
     * node affinity honoured) and only the current ReplicaSet's pods ({@code pod-template-hash}).
     */
    static TopologySpreadConstraint spread(Map<String, String> labels) {
        return new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("kubernetes.io/hostname")
                .withWhenUnsatisfiable("DoNotSchedule").withNewLabelSelector().withMatchLabels(labels).endLabelSelector()
                .withMatchLabelKeys("pod-template-hash").withNodeTaintsPolicy("Honor").withNodeAffinityPolicy("Honor").build();
    }

    /** A Service like {@code kubectl expose}: selector, one port with its target port and protocol, type. */
    public static Service service(ServiceSpec spec, String namespace) {
        return new ServiceBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(namespace)
                .addToLabels(NamespaceLabels.MANAGED_BY, NamespaceLabels.MANAGED_BY_VALUE).endMetadata()
                .withNewSpec().withType(spec.type()).withSelector(new TreeMap<>(spec.selector()))
                .addNewPort().withName(spec.protocol().toLowerCase(java.util.Locale.ROOT) + "-" + spec.port())
                .withPort(spec.port()).withTargetPort(new IntOrString(spec.targetPort()))
                .withProtocol(spec.protocol()).endPort()
                .endSpec().build();
    }

    /** Environment variables in a stable order. */
    public static java.util.List<EnvVar> env(Map<String, String> env) {
        return new TreeMap<>(env).entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList();
    }
}
