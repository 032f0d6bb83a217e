package io.k8snettest.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubectl side's scripts ({@code .ci/benchmark}) run against a fake kubectl (a script that logs its
 * calls; no cluster, no network): which kubectl calls they make, the timing lines they print, and that
 * every namespace they create is deleted.
 */
class KubectlScriptsTest {

    private static final Path SCRIPTS = Path.of("..", ".ci", "benchmark");

    @TempDir
    Path dir;

    @Test
    void matrixProbesEveryCellButLoopbackWithOneExecEachAndPrintsOneLinePerRun() throws Exception {
        Result r = run(Map.of("FAKE_PODS", "a b c"), "kubectl-matrix.sh", "matrix-3x3", "2", "x", "a,b,c", "80");

        assertThat(r.exit).as(r.stderr).isZero();
        assertThat(BaselineOutput.parse(r.stdout).get("matrix-3x3")).hasSize(2);
        List<String> execs = r.calls.stream().filter(c -> c.contains(" exec ")).toList();
        assertThat(execs).hasSize(2 * 6); // 2 runs x (3 x 3 cells - 3 loopback)
        assertThat(execs).allMatch(c -> c.contains("-c cont-80-tcp -- /agnhost connect 127.0.0.") && c.endsWith("--timeout=1s --protocol=tcp"));
        assertThat(execs.stream().filter(c -> c.matches(".* exec a .*connect 127\\.0\\.0\\.1:80 .*"))).isEmpty(); // a to itself
        assertThat(Files.readString(Path.of(dir + "/log.applied"))).contains("name: cont-80-tcp", "pod: b",
                "\"serve-hostname\", \"--tcp\", \"--http=false\", \"--port\", \"80\"", "tcpSocket");
        assertCreatedNamespacesDeleted(r.calls, 1);
        assertThat(r.calls).anyMatch(c -> c.matches("label namespace \\S+-x .*ns=x pod-security.kubernetes.io/enforce=baseline"));
    }

    @Test
    void matrixOfTwoPortsProbesEachPortAndRetriesAFailedCellInASecondPass() throws Exception {
        Result r = run(Map.of("FAKE_PODS", "a b", "FAKE_FAIL_ONCE", "127.0.0.2:81"), "kubectl-matrix.sh", "m", "1", "x,y",
                "a,b", "80,81");

        assertThat(r.exit).as(r.stderr).isZero();
        List<String> execs = r.calls.stream().filter(c -> c.contains(" exec ")).toList();
        assertThat(execs).hasSize(4 * 3 * 2 + 1); // 4 pods x 3 others x 2 ports, then the failed cell again
        assertThat(execs.get(execs.size() - 1)).contains("connect 127.0.0.2:81 ");
        assertThat(BaselineOutput.parse(r.stdout).get("m")).hasSize(1);
        assertCreatedNamespacesDeleted(r.calls, 2);
    }

    @Test
    @DisplayName("bad input: the matrix script without its arguments says how to call it, before any kubectl call")
    void matrixWithoutItsArgumentsSaysHowToCallIt() throws Exception {
        long start = System.nanoTime();
        Result r = run(Map.of(), "kubectl-matrix.sh", "matrix-3x3", "2");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stderr).contains("usage:", "<phase> <runs> <namespaces> <pods> <ports>");
        assertThat(r.calls).isEmpty();
    }

    @Test
    void perClassCreatesLabelsAwaitsAndDeletesANamespacePerRun() throws Exception {
        Result r = run(Map.of(), "kubectl-per-class.sh", "3");

        assertThat(r.exit).as(r.stderr).isZero();
        assertThat(BaselineOutput.parse(r.stdout).get("per-class-overhead")).hasSize(3);
        assertThat(r.calls.stream().filter(c -> c.startsWith("create namespace"))).hasSize(3);
        assertThat(r.calls).anyMatch(c -> c.matches("-n \\S+ get serviceaccount default"));
        assertCreatedNamespacesDeleted(r.calls, 3);
    }

    @Test
    void seedScenarioPrintsEveryPhaseOncePerRunAndTheWholeRun() throws Exception {
        Result r = run(Map.of(), "kubectl-baseline.sh", "2");

        assertThat(r.exit).as(r.stderr).isZero();
        var samples = BaselineOutput.parse(r.stdout);
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(Phases.SEED.kubectlNames());
        assertThat(samples.values()).allSatisfy(v -> assertThat(v).hasSize(2));
        for (int run = 0; run < 2; run++) {
            long parts = 0;
            for (String phase : Phases.SEED.kubectlNames().subList(1, Phases.SEED.kubectlNames().size())) {
                parts += Phases.PARTS.contains(phase) ? 0 : samples.get(phase).get(run);
            }
            assertThat(samples.get("seed-scenario").get(run)).as("the whole run covers its phases").isGreaterThanOrEqualTo(parts);
        }
        assertThat(r.calls).anyMatch(c -> c.matches("-n \\S+ delete pod my-nginx-1 --wait=false"));
        assertCreatedNamespacesDeleted(r.calls, 2);
    }

    private void assertCreatedNamespacesDeleted(List<String> calls, int count) {
        List<String> created = calls.stream().filter(c -> c.startsWith("create namespace "))
                .map(c -> c.substring("create namespace ".length())).toList();
        assertThat(created).hasSize(count).allMatch(ns -> ns.startsWith("k8snet-bench-kubectl-"));
        String deletes = String.join("\n", calls.stream().filter(c -> c.startsWith("delete namespace ")).toList());
        assertThat(created).allMatch(deletes::contains);
    }

    private Result run(Map<String, String> env, String script, String... args) throws IOException, InterruptedException {
        Path fake = dir.resolve("kubectl");
        try (var in = getClass().getResourceAsStream("fake-kubectl.sh")) {
            Files.write(fake, in.readAllBytes());
        }
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        Path log = dir.resolve("log");
        List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        pb.environment().putAll(env);
        pb.environment().put("KUBECTL", fake.toString());
        pb.environment().put("BENCH_KUBE_CONTEXT", "fake-context");
        pb.environment().put("FAKE_LOG", log.toString());
        pb.environment().remove("KUBECONFIG");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the script finished within 60 s").isTrue();
        return new Result(p.exitValue(), Files.readAllLines(dir.resolve("out")), Files.readString(dir.resolve("err")),
                Files.exists(log) ? Files.readAllLines(log) : List.of());
    }

    private record Result(int exit, List<String> stdout, String stderr, List<String> calls) {
    }
}
