package io.k8snettest.probe;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.HealingReport;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.k8s.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Deletes pods behind a service and measures the healing: deleted IPs leave the endpoints, the
 * replacements join until the count is back, the ClusterIP serves again; meanwhile the default
 * probe client connects to the ClusterIP continuously and counts what fails.
 */
final class EndpointHealer {

    static final String PROBE_CLIENT = "probe";
    private static final Duration PROBE_SPACING = Duration.ofMillis(200);

    private final KubernetesClient client;
    private final ProbeClients clients;
    private final Duration timeout;
    private final Supplier<String> diagnostics;

    EndpointHealer(KubernetesClient client, ProbeClients clients, Duration timeout, Supplier<String> diagnostics) {
        this.client = client;
        this.clients = clients;
        this.timeout = timeout;
        this.diagnostics = diagnostics;
    }

    HealingReport deleteAndAwaitHealing(ServiceTarget target, int count) {
        List<ServiceHandle.Endpoint> before = target.endpoints(client);
        List<String> victims = before.stream().map(ServiceHandle.Endpoint::podName).filter(p -> p != null).distinct()
                .limit(count).toList();
        if (count < 1 || victims.size() < count) {
            throw new IllegalArgumentException("cannot delete " + count + " pod(s) behind service " + target.name()
                    + ": its ready endpoints are " + before);
        }
        Set<String> beforeIps = ips(before);
        Set<String> victimIps = before.stream().filter(e -> victims.contains(e.podName())).map(ServiceHandle.Endpoint::ip)
                .collect(Collectors.toCollection(TreeSet::new));
        int desired = beforeIps.size();
        DefaultProbeClient prober = clients.resolve(ClientSpec.named(PROBE_CLIENT).build());
        String svc = target.name() + " (" + target.clusterIp() + ":" + target.servicePort() + ")";

        BackgroundProber background = new BackgroundProber(() -> prober.tcp(target.clusterIp(), target.servicePort()).success());
        long start = System.nanoTime();
        try {
            background.start(timeout.multipliedBy(3));
            victims.forEach(pod -> client.pods().inNamespace(target.namespace()).withName(pod).delete());
            Waits.until("deleted pod IPs " + victimIps + " left the endpoints of service " + svc, timeout,
                    () -> ips(target.endpoints(client)).stream().noneMatch(victimIps::contains),
                    () -> "endpoints " + ips(target.endpoints(client)), diagnostics);
            Duration removal = since(start);
            Waits.until("service " + svc + " healed: " + desired + " ready endpoints without " + victimIps, timeout, () -> {
                Set<String> now = ips(target.endpoints(client));
                return now.size() == desired && now.stream().noneMatch(victimIps::contains);
            }, () -> "endpoints " + ips(target.endpoints(client)), diagnostics);
            Duration heal = since(start);
            Set<String> afterIps = ips(target.endpoints(client));
            Probing.untilSuccess("ClusterIP of " + svc + " serves again from " + prober, timeout,
                    () -> prober.tcp(target.clusterIp(), target.servicePort()), diagnostics);
            Duration serving = since(start);
            background.stop();
            Set<String> joined = new TreeSet<>(afterIps);
            joined.removeAll(beforeIps);
            Set<String> left = new TreeSet<>(beforeIps);
            left.removeAll(afterIps);
            return new HealingReport(target.name(), victims, left, joined, beforeIps, afterIps, removal, heal, serving,
                    background.sent.get(), background.failed.get());
        } finally {
            background.stop();
        }
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
        private ExecutorService executor;

        BackgroundProber(Supplier<Boolean> probe) {
            this.probe = probe;
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
                        boolean ok = probe.get();
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
