package io.k8snettest.session;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.HealingReport;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.healing.EndpointHealer;
import io.k8snettest.k8s.EndpointSlices;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.report.Publisher;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** A service read live on every call. */
final class LiveServiceHandle extends LiveHandle<Service> implements ServiceHandle {

    private final EndpointHealer healer;
    private final Publisher reports;
    private final Supplier<String> clusterDomain;

    /**
     * @param reports       where a healing's report and picture go (the test's publisher)
     * @param clusterDomain the cluster's DNS domain, asked for only by {@link #dnsName()}
     */
    LiveServiceHandle(KubernetesClient client, String namespace, String name, EndpointHealer healer, Publisher reports,
                      Supplier<String> clusterDomain) {
        super(client, Service.class, "service", namespace, name);
        this.healer = healer;
        this.reports = reports;
        this.clusterDomain = clusterDomain;
    }

    @Override
    public String clusterIP() {
        return current().getSpec().getClusterIP();
    }

    @Override
    public int port() {
        return ServiceTarget.first(current()).servicePort();
    }

    @Override
    public List<ServicePort> ports() {
        return ServiceTarget.ports(current()).stream().map(p -> new ServicePort(p.getName(), p.getPort(),
                p.getTargetPort() == null ? null : p.getTargetPort().getIntVal() != null
                        ? String.valueOf(p.getTargetPort().getIntVal()) : p.getTargetPort().getStrVal(),
                p.getProtocol(), p.getNodePort())).toList();
    }

    @Override
    public Map<String, String> selector() {
        Map<String, String> selector = current().getSpec().getSelector();
        return selector == null ? Map.of() : Map.copyOf(selector);
    }

    @Override
    public String dnsName() {
        return name() + "." + namespace() + ".svc." + clusterDomain.get();
    }

    @Override
    public List<Endpoint> endpoints() {
        Service service = current();
        return EndpointSlices.readyEndpoints(EndpointSlices.of(client, namespace(), name()), ServiceTarget.ports(service));
    }

    @Override
    public List<Endpoint> endpoints(int servicePort) {
        return ServiceTarget.byNumber(current(), servicePort).endpoints(client);
    }

    @Override
    public List<Endpoint> endpoints(String servicePortName) {
        return ServiceTarget.byName(current(), servicePortName).endpoints(client);
    }

    @Override
    public Set<String> endpointIps() {
        return endpoints().stream().map(Endpoint::ip).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public HealingReport deleteOnePodAndAwaitHealing() {
        return deletePodsAndAwaitHealing(1);
    }

    @Override
    public HealingReport deletePodsAndAwaitHealing(int count) {
        return healer.deleteAndAwaitHealing(current(), count, reports);
    }

    @Override
    public HealingReport drainNodeAndAwaitHealing(String nodeName) {
        return healer.drainAndAwaitHealing(current(), nodeName, reports);
    }
}
