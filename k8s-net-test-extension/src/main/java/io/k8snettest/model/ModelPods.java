package io.k8snettest.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.k8snettest.api.ModelSpec;
import io.k8snettest.api.TransportProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pods of a policy model, as upstream's NetworkPolicy suite builds them: per port and protocol
 * one agnhost container {@code cont-<port>-<protocol>} serving it on a port named
 * {@code serve-<port>-<protocol>} (so policies can name ports), labels {@code pod=<name>}. Pure.
 */
final class ModelPods {

    static final String IMAGE = "registry.k8s.io/e2e-test-images/agnhost:2.56";
    static final String POD_LABEL = "pod";
    static final String NAMESPACE_LABEL = "ns";
    /** The pods run agnhost as root on ports below 1024, as upstream's: Pod Security "baseline" admits them. */
    static final String POD_SECURITY = "pod-security.kubernetes.io/enforce";

    private ModelPods() {
    }

    static Map<String, String> podLabels(String pod) {
        return Map.of(POD_LABEL, pod);
    }

    /** The labels a model namespace carries: {@code ns=<name>}, and Pod Security baseline for its servers. */
    static Map<String, String> namespaceLabels(String logical) {
        return Map.of(NAMESPACE_LABEL, logical, POD_SECURITY, "baseline");
    }

    static String container(int port, TransportProtocol protocol) {
        return "cont-" + port + "-" + protocol.lower();
    }

    /** The container the pod's probes run in: its first server's. */
    static String probeContainer(ModelSpec spec) {
        return container(spec.ports().get(0), spec.protocols().get(0));
    }

    static Pod pod(ModelSpec spec, String namespace, String name) {
        List<Container> containers = new ArrayList<>();
        for (int port : spec.ports()) {
            for (TransportProtocol protocol : spec.protocols()) {
                containers.add(server(port, protocol));
            }
        }
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(podLabels(name)).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(0L).withAutomountServiceAccountToken(false)
                .withContainers(containers).endSpec().build();
    }

    private static Container server(int port, TransportProtocol protocol) {
        ContainerBuilder c = new ContainerBuilder().withName(container(port, protocol)).withImage(IMAGE)
                .withImagePullPolicy("IfNotPresent")
                .addNewPort().withContainerPort(port).withName("serve-" + port + "-" + protocol.lower())
                .withProtocol(protocol.name()).endPort()
                .withReadinessProbe(readiness(port, protocol));
        return switch (protocol) {
            case TCP -> c.withCommand("/agnhost", "serve-hostname", "--tcp", "--http=false", "--port", String.valueOf(port)).build();
            case UDP -> c.withCommand("/agnhost", "serve-hostname", "--udp", "--http=false", "--port", String.valueOf(port)).build();
            case SCTP -> c.withCommand("/agnhost", "porter").addNewEnv().withName("SERVE_SCTP_PORT_" + port).withValue("foo")
                    .endEnv().build();
        };
    }

    /** Ready = the server answers on its own port (TCP: a connect; UDP and SCTP: agnhost connect from inside). */
    private static Probe readiness(int port, TransportProtocol protocol) {
        ProbeBuilder probe = new ProbeBuilder().withPeriodSeconds(1).withTimeoutSeconds(2);
        if (protocol == TransportProtocol.TCP) {
            return probe.withNewTcpSocket().withNewPort(port).endTcpSocket().build();
        }
        return probe.withNewExec().withCommand("/agnhost", "connect", "127.0.0.1:" + port, "--timeout=1s",
                "--protocol=" + protocol.lower()).endExec().build();
    }
}
