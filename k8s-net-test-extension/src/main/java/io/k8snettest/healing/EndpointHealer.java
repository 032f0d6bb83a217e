package io.k8snettest.healing;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ClientSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.k8snettest.api.HealingReport;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.k8s.EndpointSlices;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.k8s.Waits;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.Destination;
import io.k8snettest.probe.ProbeClients;
import io.k8snettest.probe.ProbeContext;
import io.k8snettest.probe.Probing;
import io.k8snettest.report.HealingPicture;
import io.k8snettest.report.HtmlReport;
import io.k8snettest.report.Publisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Deletes pods behind a service and measures the healing: deleted IPs leave the endpoints of every
 * service port, the replacements join until each port's count is back, and the service serves
 * again; meanwhile the default probe client connects continuously (TCP, first TCP service port) and
 * counts what fails: to the ClusterIP, or for a headless service to every address its DNS name
 * resolves to, each on its pod port (there is no ClusterIP to probe).
 */
@API(status = INTERNAL, since = "0.1")
public final class EndpointHealer {

    static final String PROBE_CLIENT = "probe";
    static final String REPORT_KEY = "k8snet.healing";
    static final String FILE_NAME = "k8snet-healing.html";
    private static final Duration PROBE_SPACING = Duration.ofMillis(200);

    private final KubernetesClient client;
    private final ProbeClients clients;
    private final Duration timeout;
    private final Supplier<String> diagnostics;

    public EndpointHealer(ProbeContext context, ProbeClients clients) {
        this.client = context.client();
        this.clients = clients;
        this.timeout = context.settings().readyTimeout();
        this.diagnostics = context.diagnostics();
    }

    /**
     * Deletes {@code count} pods behind the service and waits until it healed; the report goes to
     * {@code reports} as the entry {@value #REPORT_KEY} and as the picture {@value #FILE_NAME} (a time line
     * of the probes sent meanwhile and the moments endpoints left and joined).
     */
    public HealingReport deleteAndAwaitHealing(Service service, int count, Publisher reports) {
        ServiceTarget probed = probed(service);
        List<ServiceHandle.Endpoint> before = endpoints(probed);
        List<String> victims = before.stream().map(ServiceHandle.Endpoint::podName).filter(p -> p != null).distinct()
                .limit(count).toList();
        if (count < 1 || victims.size() < count) {
            throw new IllegalArgumentException("cannot delete " + count + " pod(s) behind service " + probed.name()
                    + ": its ready endpoints are " + before);
        }
        return awaitHealing(probed, before, victims,
                () -> victims.forEach(pod -> client.pods().inNamespace(probed.namespace()).withName(pod).delete()), reports);
    }

    /**
     * Drains {@code node} of the service's pods (cordons it, evicts each ready pod behind the service that
     * runs there through the Eviction API) and waits until the service healed elsewhere, probing meanwhile as
     * {@link #deleteAndAwaitHealing} does; the node is uncordoned afterwards, unless it was cordoned before.
     * Other pods on the node are not touched: only what the test created is evicted.
     */
    public HealingReport drainAndAwaitHealing(Service service, String node, Publisher reports) {
        ServiceTarget probed = probed(service);
        List<ServiceHandle.Endpoint> before = endpoints(probed);
        List<String> victims = before.stream().filter(e -> node.equals(e.nodeName())).map(ServiceHandle.Endpoint::podName)
                .filter(p -> p != null).distinct().toList();
        NodeDrain drain = NodeDrain.of(client, node, probed.name(), victims, before);
        try {
            return awaitHealing(probed, before, victims, () -> drain.cordonAndEvict(probed.namespace(), timeout), reports);
        } finally {
            drain.restore();
        }
    }

    private static ServiceTarget probed(Service service) {
        return ServiceTarget.firstTcp(service).orElseThrow(() -> new IllegalArgumentException("cannot heal service "
                + service.getMetadata().getName() + " by probing: it has no TCP port (its ports: "
                + ServiceTarget.portList(service) + ")"));
    }

    /** Runs {@code disruption} (which removes the {@code victims}) and measures the healing. */
    private HealingReport awaitHealing(ServiceTarget probed, List<ServiceHandle.Endpoint> before, List<String> victims,
                                       Runnable disruption, Publisher reports) {
        String name = probed.name();
        Map<String, Set<String>> beforeByPort = byPort(before);
        Set<String> beforeIps = ips(before);
        Set<String> victimIps = before.stream().filter(e -> victims.contains(e.podName())).map(ServiceHandle.Endpoint::ip)
                .collect(Collectors.toCollection(TreeSet::new));
        DefaultProbeClient prober = clients.get(ClientSpec.named(PROBE_CLIENT).build());
        Destination destination = probed.headless() ? new Destination.HeadlessName(client, probed)
                : new Destination.Fixed(probed.clusterIp(), probed.servicePort(), "ClusterIP " + probed.clusterIp());
        String svc = name + " (" + destination.description() + ", port " + probed.servicePort() + ")";
        Supplier<ProbeResult> probe = () -> destination.probe(prober, prober::tcp, true);

        String healedAlias = "service " + svc + " healed: as many ready endpoints per service port as before "
                + counts(beforeByPort) + ", without " + victimIps;
        EndpointTimeline timeline = EndpointTimeline.open(client, probed, healedAlias, Waits.SAFETY_POLL);
        long start = System.nanoTime();
        BackgroundProber background = new BackgroundProber(() -> probe.get().success(), start);
        try (timeline) {
            background.start(timeout.multipliedBy(3));
            disruption.run();
            // the moments come from the EndpointSlice events (see EndpointTimeline), not from when a wait noticed them
            EndpointTimeline.Observation removed = timeline.await("deleted pod IPs " + victimIps + " left the endpoints of"
                    + " service " + svc, timeout, now -> ips(now).stream().noneMatch(victimIps::contains), start, diagnostics);
            Duration removal = Duration.ofNanos(removed.nanos() - start);
            EndpointTimeline.Observation healedAt = timeline.await(healedAlias, timeout,
                    now -> healed(beforeByPort, byPort(now), victimIps), removed.nanos(), diagnostics);
            Duration heal = Duration.ofNanos(healedAt.nanos() - start);
            Set<String> afterIps = ips(healedAt.endpoints());
            if (probed.headless()) {
                prober.awaitResolution(probed.dnsName(prober.clusterDomain()), ips(probed.endpoints(client)), timeout);
            }
            Probing.untilSuccess("service " + svc + " serves again from " + prober, timeout, probe, diagnostics);
            Duration serving = since(start);
            background.stop();
            Set<String> joined = new TreeSet<>(afterIps);
            joined.removeAll(beforeIps);
            Set<String> left = new TreeSet<>(beforeIps);
            left.removeAll(afterIps);
            HealingReport report = new HealingReport(name, victims, left, joined, beforeIps, afterIps, removal, heal, serving,
                    background.sent.get(), background.failed.get());
            reports.entry(REPORT_KEY, report.toString());
            reports.html(FILE_NAME, HtmlReport.healing(new HealingPicture(svc, victims, List.copyOf(left), List.copyOf(joined),
                    background.samples, removal, heal, serving)));
            return report;
        } finally {
            background.stop();
        }
    }

    /** The ready endpoints of every port of the service, read live. */
    private List<ServiceHandle.Endpoint> endpoints(ServiceTarget target) {
        return EndpointSlices.readyEndpoints(EndpointSlices.of(client, target.namespace(), target.name()),
                ServiceTarget.ports(ServiceTarget.lookup(client, target.namespace(), target.name())));
    }

    /** Every service port has as many ready endpoint IPs as before, none of them a deleted pod's. Pure. */
    static boolean healed(Map<String, Set<String>> before, Map<String, Set<String>> now, Set<String> victimIps) {
        return before.entrySet().stream().allMatch(port -> {
            Set<String> ips = now.getOrDefault(port.getKey(), Set.of());
            return ips.size() == port.getValue().size() && ips.stream().noneMatch(victimIps::contains);
        });
    }

    /** Endpoint IPs per service port ({@code 80} or {@code 80 (http)}). Pure. */
    static Map<String, Set<String>> byPort(List<ServiceHandle.Endpoint> endpoints) {
        return endpoints.stream().collect(Collectors.groupingBy(
                e -> e.servicePort() + (e.servicePortName().isEmpty() ? "" : " (" + e.servicePortName() + ")"),
                TreeMap::new, Collectors.mapping(ServiceHandle.Endpoint::ip, Collectors.toCollection(TreeSet::new))));
    }

    private static Map<String, Integer> counts(Map<String, Set<String>> byPort) {
        Map<String, Integer> counts = new TreeMap<>();
        byPort.forEach((port, ips) -> counts.put(port, ips.size()));
        return counts;
    }

    private static Set<String> ips(List<ServiceHandle.Endpoint> endpoints) {
        return endpoints.stream().map(ServiceHandle.Endpoint::ip).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Probes on its own thread until stopped or its bound passes, counting sent and failed probes.
     * It always completes at least one probe, and stopping lets the probe in flight finish and
     * count: it was sent during the disruption.
     */
    private static final class BackgroundProber {
        private final Supplier<Boolean> probe;
        private final CountDownLatch stopSignal = new CountDownLatch(1);
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final List<HealingPicture.Sample> samples = new CopyOnWriteArrayList<>();
        private final long origin;
        private ExecutorService executor;

        /** @param origin {@link System#nanoTime()} of the deletion, time 0 of the samples */
        BackgroundProber(Supplier<Boolean> probe, long origin) {
            this.probe = probe;
            this.origin = origin;
        }

        void start(Duration bound) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "k8s-net-test-healing-prober");
                t.setDaemon(true);
                return t;
            });
            long deadline = System.nanoTime() + bound.toNanos();
            executor.execute(() -> {
                try {
                    do {
                        Duration at = Duration.ofNanos(System.nanoTime() - origin);
                        boolean ok = probe.get();
                        samples.add(new HealingPicture.Sample(at, ok));
                        sent.incrementAndGet();
                        if (!ok) {
                            failed.incrementAndGet();
                        }
                    } while (!stopSignal.await(PROBE_SPACING.toMillis(), TimeUnit.MILLISECONDS)
                            && System.nanoTime() < deadline);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        void stop() {
            if (executor == null || stopSignal.getCount() == 0) {
                return;
            }
            stopSignal.countDown();
            executor.shutdown();
            try {
                Duration inFlight = DefaultProbeClient.PROBE_TIMEOUT.plus(DefaultProbeClient.EXEC_SLACK);
                if (!executor.awaitTermination(inFlight.toMillis(), TimeUnit.MILLISECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
