package io.k8snettest.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ReachabilityMatrix;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.k8s.Waits;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.PortForwardControl;
import io.k8snettest.probe.ProbeClients;
import io.k8snettest.probe.ProbeCommands;
import io.k8snettest.probe.ProbeContext;
import io.k8snettest.probe.Probing;
import io.k8snettest.report.Publisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Runs a {@link MatrixPlan}: the canary when a cell is denied, a port-forward control for targets no
 * source may reach, then rounds until every cell settled or the probe timeout passed. A round is one
 * {@code exec} per source that still has open cells (all of its probes in one script), the sources
 * in parallel on a bounded pool.
 */
@API(status = INTERNAL, since = "0.1")
public final class MatrixRunner {

    static final int MAX_PARALLEL_SOURCES = 8;
    static final String REPORT_KEY = "k8snet.matrix";

    private final KubernetesClient client;
    private final String namespace;
    private final ProbeClients clients;
    private final Runnable policyGate;
    private final Duration timeout;
    private final Supplier<String> diagnostics;

    public MatrixRunner(ProbeContext context, ProbeClients clients) {
        this.client = context.client();
        this.namespace = context.namespace();
        this.clients = clients;
        this.policyGate = context.policyGate();
        this.timeout = context.settings().probeTimeout();
        this.diagnostics = context.diagnostics();
    }

    /**
     * A matrix declaration that this runner runs; its truth table goes to {@code reportEntries} (the
     * publisher of the test that asked for the builder) under {@link #REPORT_KEY}, its picture as
     * {@value MatrixPictures#FILE_NAME}.
     */
    public ReachabilityMatrix.Builder builder(Duration window, Publisher reportEntries) {
        return new MatrixBuilder(window, plan -> run(plan, reportEntries));
    }

    ReachabilityMatrix.Result run(MatrixPlan plan, Publisher reportEntries) {
        if (plan.anyDenied()) {
            policyGate.run();
        }
        int seconds = ProbeCommands.seconds(DefaultProbeClient.PROBE_TIMEOUT);
        List<MatrixScript.Probe> probes = new ArrayList<>();
        for (int t = 0; t < plan.targets().size(); t++) {
            MatrixPlan.Target target = plan.targets().get(t);
            ServiceTarget service = ServiceTarget.resolve(client, namespace, target.service(), target.port());
            service.requireTcp("reachability matrix target " + target.service());
            if (service.headless()) {
                throw new IllegalArgumentException("reachability matrix target " + target.service() + ": the service is headless"
                        + " (clusterIP: None) and a matrix probes ClusterIPs; use a service with a ClusterIP, or check the"
                        + " headless one with @ReachableFrom/@NotReachableFrom(via = Via.DNS or Via.EACH_ENDPOINT)");
            }
            if (!anyAllowed(plan, t)) {
                new PortForwardControl(client).awaitServing(service, target.protocol(), "/", timeout, diagnostics);
            }
            probes.add(MatrixScript.probe(target.service(), service.clusterIp(), service.servicePort(), target.protocol(), "/", seconds));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(plan.sources().size(), MAX_PARALLEL_SOURCES));
        try {
            List<DefaultProbeClient> sources = all(pool, plan.sources().stream()
                    .<java.util.concurrent.Callable<DefaultProbeClient>>map(spec -> () -> clients.get(spec)).toList());
            return probe(plan, probes, sources, pool, reportEntries);
        } finally {
            pool.shutdownNow();
        }
    }

    private ReachabilityMatrix.Result probe(MatrixPlan plan, List<MatrixScript.Probe> probes, List<DefaultProbeClient> sources,
                                            ExecutorService pool, Publisher reportEntries) {
        MatrixObservations observations = new MatrixObservations(plan.expected(), plan.window());
        AtomicInteger execCalls = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        long start = System.nanoTime();
        Duration limit = timeout.compareTo(plan.window()) > 0 ? timeout : plan.window();
        String alias = "reachability matrix " + plan.sources().size() + " x " + plan.targets().size() + " settled";
        // a last round that overruns the bound ends the wait: the verdict is read from what the rounds observed
        Probing.rounds(alias, limit.plus(DefaultProbeClient.PROBE_TIMEOUT).plus(DefaultProbeClient.EXEC_SLACK), () -> {
            Duration at = Duration.ofNanos(System.nanoTime() - start);
            round(rounds.incrementAndGet(), at, probes, sources, observations, execCalls, pool);
            return observations.settled() || Duration.ofNanos(System.nanoTime() - start).compareTo(limit) >= 0;
        });
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        boolean[][] observed = observations.observed();
        String summary = plan.sources().size() + " x " + plan.targets().size() + " matrix, " + rounds.get() + " round(s), "
                + execCalls.get() + " exec call(s), " + elapsed.toMillis() + " ms (stability window "
                + plan.window().toMillis() + " ms)\n";
        String table = summary + MatrixTable.render(displayNames(plan, sources), plan.targetNames(), plan.expected(), observed);
        reportEntries.entry(REPORT_KEY, table);
        reportEntries.html(MatrixPictures.FILE_NAME, MatrixPictures.page(plan, displayNames(plan, sources), observed, observations, summary));
        String wrong = wrongCells(plan, probes, sources, observations, observed);
        if (!wrong.isEmpty()) {
            throw new AssertionError("reachability matrix does not match: " + table + "wrong cells:\n" + wrong
                    + Waits.safe(diagnostics));
        }
        return new ReachabilityMatrix.Result(plan.sources().stream().map(s -> s.name()).toList(), plan.targetNames(),
                plan.expected(), observed, execCalls.get(), elapsed, table);
    }

    /** One exec per source with open cells, in parallel; the outcomes are recorded on this thread. */
    private void round(int round, Duration at, List<MatrixScript.Probe> probes, List<DefaultProbeClient> sources,
                       MatrixObservations observations, AtomicInteger execCalls, ExecutorService pool) {
        List<java.util.concurrent.Callable<Map<String, MatrixScript.Cell>>> execs = new ArrayList<>();
        List<Integer> probed = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            List<MatrixScript.Probe> open = new ArrayList<>();
            for (int t = 0; t < probes.size(); t++) {
                if (observations.open(s, t)) {
                    open.add(probes.get(t));
                }
            }
            if (!open.isEmpty()) {
                DefaultProbeClient source = sources.get(s);
                List<String> labels = open.stream().map(MatrixScript.Probe::label).toList();
                probed.add(s);
                execs.add(() -> {
                    execCalls.incrementAndGet();
                    ProbeResult r = source.exec("sh", "-c", MatrixScript.script(open));
                    return MatrixScript.parse(r.stdout(), labels);
                });
            }
        }
        List<Map<String, MatrixScript.Cell>> results = all(pool, execs);
        for (int i = 0; i < probed.size(); i++) {
            int s = probed.get(i);
            for (int t = 0; t < probes.size(); t++) {
                MatrixScript.Cell cell = results.get(i).get(probes.get(t).label());
                if (cell != null) {
                    observations.record(s, t, round, at, cell);
                }
            }
        }
    }

    private static String wrongCells(MatrixPlan plan, List<MatrixScript.Probe> probes, List<DefaultProbeClient> sources,
                                     MatrixObservations observations, boolean[][] observed) {
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < sources.size(); s++) {
            for (int t = 0; t < probes.size(); t++) {
                if (plan.expected()[s][t] != observed[s][t]) {
                    DefaultProbeClient source = sources.get(s);
                    out.append("  ").append(plan.sources().get(s).name()).append(" -> ").append(probes.get(t).label())
                            .append(": expected ").append(plan.expected()[s][t] ? "allow" : "deny").append(", ")
                            .append(observations.note(s, t)).append("\n    reproduce: ")
                            .append(MatrixScript.reproduce(source.namespace(), source.name(), probes.get(t))).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static List<String> displayNames(MatrixPlan plan, List<DefaultProbeClient> sources) {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            names.add(plan.sources().get(s).namespace() == null ? plan.sources().get(s).name()
                    : plan.sources().get(s).name() + " (" + sources.get(s).namespace() + ")");
        }
        return names;
    }

    private static boolean anyAllowed(MatrixPlan plan, int target) {
        for (boolean[] row : plan.expected()) {
            if (row[target]) {
                return true;
            }
        }
        return false;
    }

    private static <T> List<T> all(ExecutorService pool, List<java.util.concurrent.Callable<T>> tasks) {
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing a reachability matrix", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err; // an AssertionError of a client that never became ready
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
