package io.k8snettest.examples.bench;

import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.ExposeService;
import io.k8snettest.api.HealingReport;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ServiceHandle;
import io.k8snettest.api.WithDeployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The seed scenario through the public API, as a user writes it: a {@code @K8sNetTest} class run by
 * the JUnit Platform Launcher ({@link LauncherRun}), after a warm-up class that connects to the
 * cluster. Each level of the class creates one step, so the launcher's start events time the steps
 * the extension takes in its lifecycle:
 * <ul>
 *   <li>{@code namespace-ready}: {@code SeedRun} started until {@code Deploy} started (the namespace);</li>
 *   <li>{@code deployment-ready}: {@code Deploy} started until {@code Expose} started ({@code @WithDeployment} my-nginx, 2 Ready);</li>
 *   <li>{@code endpoints-ready}: {@code Expose} started until its test started ({@code @ExposeService}, 2 ready endpoints);</li>
 *   <li>{@code heal-report-vs-watch}: how far the reported {@code time-to-heal} is from the time to heal that
 *       independent watches ({@link HealWatch}) saw, from the deleted pod's deletion event to the healed
 *       endpoints' EndpointSlice event, in ms;</li>
 *   <li>{@code first-clusterip-probe} (and its part {@code client-pod-ready}: until
 *       {@code net.client} returned the Ready pod), {@code single-probe}, {@code all-replicas}, {@code time-to-heal}: timed in the
 *       test bodies with {@link NetTest} and published as report entries ({@code time-to-heal} as the
 *       extension's {@link io.k8snettest.api.HealingReport} reports it);</li>
 *   <li>{@code seed-scenario}: {@code SeedRun} started until the launcher returned (namespace gone, client closed).</li>
 * </ul>
 */
final class SeedScenarioBenchmark {

    static final String WELCOME = "<title>Welcome to nginx!</title>";
    static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.56";

    private SeedScenarioBenchmark() {
    }

    /** The seed scenario {@code runs} times, one launcher execution (and namespace) each. */
    static Map<String, List<Long>> measure(int runs) {
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        for (int i = 1; i <= runs; i++) {
            Timeline t = LauncherRun.run(ClassOverheadBenchmark.WarmUp.class, SeedRun.class);
            add(samples, "namespace-ready", t.millis("start:SeedRun", "start:Deploy"));
            add(samples, "deployment-ready", t.millis("start:Deploy", "start:Expose"));
            add(samples, "endpoints-ready", t.millis("start:Expose", "start:probes"));
            t.published().forEach((phase, values) -> values.forEach(v -> add(samples, phase, v)));
            add(samples, "seed-scenario", t.millis("start:SeedRun", "launcher-returned"));
            System.err.println("[benchmark] seed scenario (ours): run " + i + "/" + runs + " done");
        }
        return samples;
    }

    static void add(Map<String, List<Long>> samples, String phase, long millis) {
        samples.computeIfAbsent(phase, k -> new ArrayList<>()).add(millis);
    }

    private static ProbeClient loadGenerator(NetTest net) {
        return net.client(ClientSpec.named("load-generator").env("MyClusterIP", net.service("my-nginx").clusterIP()).build());
    }

    /** The measured class: each nested level adds one step of the seed scenario. */
    @K8sNetTest
    @Order(2)
    static class SeedRun {

        @Nested
        @WithDeployment(name = "my-nginx", image = "nginx:1.22.1", replicas = 2, port = 80, labels = "run=my-nginx")
        class Deploy {

            @Nested
            @ExposeService(deployment = "my-nginx", port = 80)
            class Expose {

                @Test
                void probes(NetTest net, TestReporter reporter) {
                    String ip = net.service("my-nginx").clusterIP();
                    long t0 = System.nanoTime();
                    ProbeClient client = loadGenerator(net);
                    publish(reporter, "client-pod-ready", t0);
                    client.awaitHttp(ip, 80, "/", 200, WELCOME, net.probeTimeout());
                    publish(reporter, "first-clusterip-probe", t0);

                    t0 = System.nanoTime();
                    ProbeResult single = client.http(ip, 80, "/");
                    publish(reporter, "single-probe", t0);
                    if (!single.success()) {
                        throw new AssertionError("the single probe failed: " + single);
                    }
                }

                @Nested
                @WithDeployment(name = "hostnames", image = AGNHOST, replicas = 3, port = 8080, labels = "app=hostnames",
                        args = {"netexec", "--http-port=8080"})
                @ExposeService(deployment = "hostnames", port = 80, targetPort = 8080)
                class Hostnames {

                    @Test
                    void allReplicasThenHealing(NetTest net, TestReporter reporter) {
                        Set<String> pods = net.deployment("hostnames").pods().stream().map(p -> p.getMetadata().getName())
                                .collect(Collectors.toCollection(TreeSet::new));
                        String batch = "for i in $(seq 20); do wget -q -T 2 -O - http://" + net.service("hostnames").clusterIP()
                                + "/hostname; echo; done";
                        ProbeClient client = loadGenerator(net);
                        long t0 = System.nanoTime();
                        long deadline = t0 + net.probeTimeout().toNanos();
                        Set<String> answered = new TreeSet<>();
                        while (!answered.containsAll(pods)) {
                            if (System.nanoTime() > deadline) {
                                throw new AssertionError("within " + net.probeTimeout() + " only " + answered + " of " + pods
                                        + " answered /hostname through the ClusterIP");
                            }
                            Arrays.stream(client.exec("sh", "-c", batch).stdout().split("\n")).map(String::strip)
                                    .filter(pods::contains).forEach(answered::add);
                        }
                        publish(reporter, "all-replicas", t0);

                        ServiceHandle myNginx = net.service("my-nginx");
                        try (HealWatch watch = HealWatch.start(net.kubernetesClient(), net.namespace(), "my-nginx")) {
                            HealingReport report = myNginx.deleteOnePodAndAwaitHealing();
                            long heal = report.timeToHeal().toMillis();
                            reporter.publishEntry("bench.time-to-heal", String.valueOf(heal));
                            // by events alone: from the pod watch's deletion of the deleted pod to the healed slices
                            long watched = watch.healedAfterDeletion(report.deletedPods(), report.leftIps(), 2,
                                    Duration.ofSeconds(10));
                            reporter.publishEntry("bench.heal-report-vs-watch", Math.abs(watched - heal)
                                    + " (reported " + heal + " ms, independent watch " + watched + " ms)");
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new AssertionError(e);
                        }
                    }
                }
            }
        }

        private static void publish(TestReporter reporter, String phase, long startNanos) {
            reporter.publishEntry("bench." + phase, String.valueOf((System.nanoTime() - startNanos) / 1_000_000));
        }
    }
}
