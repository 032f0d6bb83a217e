package io.k8snettest.matrix;

import io.k8snettest.api.ProbeResult;
import io.k8snettest.probe.DefaultProbeClient;
import io.k8snettest.probe.Probing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The probing rounds of a matrix, whatever its cells are: a round is one {@code exec} per source
 * that still has open cells (all of its probes in one {@link MatrixScript}), the sources in parallel
 * on a bounded pool; rounds run until every cell settled ({@link MatrixObservations}) or the limit passed.
 */
final class MatrixRounds {

    /** At most this many sources exec at once (the standard model's 9 pods all do). */
    static final int MAX_PARALLEL_SOURCES = 9;

    /** What the rounds observed, and what they cost. */
    record Outcome(MatrixObservations observations, int rounds, int execCalls, Duration elapsed) {

        String summary(String shape, Duration window) {
            return shape + " matrix, " + rounds + " round(s), " + execCalls + " exec call(s), " + elapsed.toMillis()
                    + " ms (stability window " + window.toMillis() + " ms)\n";
        }
    }

    private MatrixRounds() {
    }

    /** A pool for the sources' execs; shut it down after use. */
    static ExecutorService pool(int sources) {
        return Executors.newFixedThreadPool(Math.max(1, Math.min(sources, MAX_PARALLEL_SOURCES)));
    }

    /**
     * Probes {@code probes} (the columns) from {@code sources} (the rows) until settled or
     * {@code limit}; a last round that overruns the limit ends the wait, the verdict is read from
     * what the rounds observed.
     */
    static Outcome run(String alias, List<DefaultProbeClient> sources, List<MatrixScript.Probe> probes,
                       MatrixObservations observations, Duration limit, ExecutorService pool) {
        AtomicInteger execCalls = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        long start = System.nanoTime();
        Probing.rounds(alias, limit.plus(DefaultProbeClient.PROBE_TIMEOUT).plus(DefaultProbeClient.EXEC_SLACK), () -> {
            Duration at = Duration.ofNanos(System.nanoTime() - start);
            round(rounds.incrementAndGet(), at, probes, sources, observations, execCalls, pool);
            return observations.settled() || Duration.ofNanos(System.nanoTime() - start).compareTo(limit) >= 0;
        });
        return new Outcome(observations, rounds.get(), execCalls.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** One exec per source with open cells, in parallel; the outcomes are recorded on this thread. */
    private static void round(int round, Duration at, List<MatrixScript.Probe> probes, List<DefaultProbeClient> sources,
                              MatrixObservations observations, AtomicInteger execCalls, ExecutorService pool) {
        List<Callable<Map<String, MatrixScript.Cell>>> execs = new ArrayList<>();
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

    /** Runs the tasks on the pool and returns their results in order; the first failure is rethrown as is. */
    static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) {
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

    /** Each wrong cell: what was expected, what the rounds saw, and the command that reproduces it. */
    static String wrongCells(List<String> sourceNames, List<DefaultProbeClient> sources, List<MatrixScript.Probe> probes,
                             boolean[][] expected, MatrixObservations observations, boolean[][] observed) {
        return wrongCells(sourceNames, sources, probes, expected, null, observations, observed);
    }

    /** As above; with {@code reasons}, each wrong cell also says why the NetworkPolicy API expects it so. */
    static String wrongCells(List<String> sourceNames, List<DefaultProbeClient> sources, List<MatrixScript.Probe> probes,
                             boolean[][] expected, String[][] reasons, MatrixObservations observations, boolean[][] observed) {
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < sources.size(); s++) {
            for (int t = 0; t < probes.size(); t++) {
                if (expected[s][t] != observed[s][t]) {
                    DefaultProbeClient source = sources.get(s);
                    out.append("  ").append(sourceNames.get(s)).append(" -> ").append(probes.get(t).label())
                            .append(": expected ").append(expected[s][t] ? "allow" : "deny").append(", ")
                            .append(observations.note(s, t))
                            .append(reasons == null ? "" : "\n    NetworkPolicy API: " + reasons[s][t])
                            .append("\n    reproduce: ")
                            .append(MatrixScript.reproduce(source, probes.get(t))).append('\n');
                }
            }
        }
        return out.toString();
    }
}
