package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * What a person would look at with kubectl when a check fails: pods, recent events, services,
 * endpoint slices and network policies of the namespaces, rendered as text for failure messages.
 * Never throws: what cannot be read is reported as such.
 */
@API(status = INTERNAL, since = "0.1")
public final class Diagnostics {

    static final int MAX_EVENTS = 30;

    private final KubernetesClient client;

    public Diagnostics(KubernetesClient client) {
        this.client = client;
    }

    /** Everything about these namespaces. */
    public String render(Collection<String> namespaces) {
        StringBuilder out = new StringBuilder("--- diagnostics ---");
        for (String ns : namespaces) {
            out.append("\nnamespace ").append(ns).append(':');
            section(out, "pods", () -> client.pods().inNamespace(ns).list().getItems(), Diagnostics::pod);
            section(out, "events (last " + MAX_EVENTS + ")", () -> recentEvents(client.v1().events().inNamespace(ns).list().getItems()),
                    Diagnostics::event);
            section(out, "services", () -> client.services().inNamespace(ns).list().getItems(), Diagnostics::service);
            section(out, "endpoint slices", () -> client.discovery().v1().endpointSlices().inNamespace(ns).list().getItems(),
                    Diagnostics::endpointSlice);
            section(out, "network policies", () -> client.network().v1().networkPolicies().inNamespace(ns).list().getItems(),
                    Diagnostics::networkPolicy);
        }
        out.append("\ncluster DNS: ").append(clusterDns());
        return out.toString();
    }

    /** Ready endpoints of kube-system/kube-dns (the cluster DNS service of kubeadm, kind, k3s and ours). */
    String clusterDns() {
        try {
            var slices = client.discovery().v1().endpointSlices().inNamespace("kube-system")
                    .withLabel("kubernetes.io/service-name", "kube-dns").list().getItems();
            if (slices.isEmpty()) {
                return "kube-system/kube-dns has no endpoint slices (no such service, or not readable)";
            }
            long ready = slices.stream().filter(s -> s.getEndpoints() != null).flatMap(s -> s.getEndpoints().stream())
                    .filter(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()))
                    .count();
            return ready == 0 ? "kube-system/kube-dns has no ready endpoint: DNS is not answering"
                    : "kube-system/kube-dns has " + ready + " ready endpoint(s)";
        } catch (RuntimeException e) {
            return "(could not be read: " + e.getMessage() + ")";
        }
    }

    private static <T> void section(StringBuilder out, String title, java.util.function.Supplier<List<T>> items,
                                    Function<T, String> render) {
        out.append("\n  ").append(title).append(':');
        try {
            List<T> list = items.get();
            if (list.isEmpty()) {
                out.append(" none");
            }
            list.forEach(item -> out.append("\n    ").append(render.apply(item)));
        } catch (RuntimeException e) {
            out.append(" (could not be read: ").append(e.getMessage()).append(')');
        }
    }

    static List<Event> recentEvents(List<Event> events) {
        List<Event> sorted = events.stream().sorted(Comparator.comparing(Diagnostics::eventTime,
                Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
        return sorted.subList(Math.max(0, sorted.size() - MAX_EVENTS), sorted.size());
    }

    private static String eventTime(Event e) {
        return e.getLastTimestamp() != null ? e.getLastTimestamp()
                : e.getEventTime() != null ? e.getEventTime().getTime() : e.getMetadata().getCreationTimestamp();
    }

    static String pod(Pod p) {
        var status = p.getStatus();
        String head = p.getMetadata().getName() + " phase=" + (status == null ? "?" : status.getPhase())
                + " ip=" + (status == null ? null : status.getPodIP()) + " node=" + p.getSpec().getNodeName()
                + (p.getMetadata().getDeletionTimestamp() != null ? " (terminating)" : "");
        if (status == null || status.getContainerStatuses() == null) {
            return head;
        }
        return head + status.getContainerStatuses().stream().map(Diagnostics::container)
                .collect(Collectors.joining("", "", ""));
    }

    private static String container(ContainerStatus s) {
        return "\n      container " + s.getName() + " ready=" + s.getReady() + " restarts=" + s.getRestartCount()
                + " state=" + state(s.getState())
                + (s.getLastState() != null && s.getLastState().getTerminated() != null ? " last=" + state(s.getLastState()) : "");
    }

    private static String state(ContainerState state) {
        if (state == null) {
            return "?";
        }
        if (state.getWaiting() != null) {
            return "waiting(" + state.getWaiting().getReason() + msg(state.getWaiting().getMessage()) + ")";
        }
        if (state.getTerminated() != null) {
            return "terminated(exit " + state.getTerminated().getExitCode() + ", " + state.getTerminated().getReason()
                    + msg(state.getTerminated().getMessage()) + ")";
        }
        return state.getRunning() != null ? "running" : "?";
    }

    private static String msg(String m) {
        return m == null || m.isBlank() ? "" : ": " + m.strip();
    }

    static String event(Event e) {
        var o = e.getInvolvedObject();
        return eventTime(e) + " " + e.getType() + " " + e.getReason() + " " + (o == null ? "" : o.getKind() + "/" + o.getName())
                + (e.getCount() != null && e.getCount() > 1 ? " (x" + e.getCount() + ")" : "") + ": " + e.getMessage();
    }

    static String service(Service s) {
        return s.getMetadata().getName() + " type=" + s.getSpec().getType() + " clusterIP=" + s.getSpec().getClusterIP()
                + " ports=" + s.getSpec().getPorts().stream()
                .map(p -> p.getPort() + "->" + (p.getTargetPort() == null ? "?" : p.getTargetPort().toString().replaceAll(".*=|[()]", "")) + "/" + p.getProtocol())
                .toList() + " selector=" + s.getSpec().getSelector();
    }

    static String endpointSlice(EndpointSlice slice) {
        String ports = slice.getPorts() == null ? "[]" : slice.getPorts().stream().map(p -> String.valueOf(p.getPort())).toList().toString();
        return slice.getMetadata().getName() + " service=" + slice.getMetadata().getLabels().get(EndpointSlices.SERVICE_NAME_LABEL)
                + " ports=" + ports + " endpoints=" + (slice.getEndpoints() == null ? "[]"
                : slice.getEndpoints().stream().map(Diagnostics::endpoint).toList());
    }

    private static String endpoint(Endpoint e) {
        boolean ready = e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady());
        return String.join(",", e.getAddresses()) + (ready ? "" : "(not ready)")
                + (e.getTargetRef() == null ? "" : " pod " + e.getTargetRef().getName());
    }

    static String networkPolicy(NetworkPolicy np) {
        var spec = np.getSpec();
        return np.getMetadata().getName() + " podSelector=" + (spec.getPodSelector() == null ? "{}" : Objects.toString(spec.getPodSelector().getMatchLabels(), "{}"))
                + " policyTypes=" + spec.getPolicyTypes()
                + " ingressRules=" + (spec.getIngress() == null ? 0 : spec.getIngress().size())
                + " egressRules=" + (spec.getEgress() == null ? 0 : spec.getEgress().size());
    }
}
