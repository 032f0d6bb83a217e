package io.k8snettest.examples.bench;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.k8snettest.api.ClientSpec;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.WithDeployment;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * {@code clusterip-routable}: how long after a Service's creation the cluster routes a new connection
 * through its ClusterIP, seen from a client pod that is Ready already. No client can reach a Service
 * sooner, so this bounds {@code first-clusterip-probe} (which starts when the endpoints are Ready,
 * shortly after the creation). Measured on the extension's side only: it is the cluster's time, the
 * same for any client. Each sample: create a Service for the seed scenario's Ready pods, then, in one
 * exec, start a connection attempt ({@code nc}) every 10 ms, each in the background, until one
 * succeeds; the earliest success on the pod's clock ({@code /proc/uptime}, 10 ms steps) after the
 * script's start is the sample (the exec's few ms from the creation's answer to that start are not
 * counted, so the sample errs on the short side). Attempts sent
 * before the route exists are not counted for their late success (TCP retransmits a lost SYN after
 * 1 s): only the earliest success is.
 */
final class ClusterIpRoutingBenchmark {

    /** Connection attempts per sample at most (one per ~10 ms: over 4 s). */
    static final int ATTEMPTS = 400;

    private ClusterIpRoutingBenchmark() {
    }

    static Map<String, List<Long>> measure() {
        return LauncherRun.run(ClassOverheadBenchmark.WarmUp.class, Routing.class).published();
    }

    /**
     * The script that times the first connection through {@code ip:port}: prints the pod's uptime at its
     * start, the uptime of the earliest connection that succeeded (empty when none did) and the attempts made.
     */
    static String script(String ip, int port) {
        return "u() { cut -d' ' -f1 /proc/uptime; }; s=$(u); r=/tmp/routable.$$; : > $r; i=0;"
                + " while [ $i -lt " + ATTEMPTS + " ] && [ ! -s $r ]; do"
                + " (nc -w 3 " + ip + " " + port + " -e true </dev/null >/dev/null 2>&1 && u >> $r) &"
                + " sleep 0.01; i=$((i+1)); done; wait; echo \"$s $(sort -n $r | head -n 1) $i\"; rm -f $r";
    }

    /**
     * Milliseconds from the script's start to its earliest connection, from its output.
     *
     * @throws IllegalStateException naming {@code service} when no connection succeeded or the output is not the script's
     */
    static long millisToRoute(String output, String service) {
        String[] fields = output.strip().split("\\s+");
        if (fields.length != 3) {
            throw new IllegalStateException("no connection through the ClusterIP of " + service + " succeeded in "
                    + ATTEMPTS + " attempts (script output: '" + output.strip() + "')");
        }
        BigDecimal start = new BigDecimal(fields[0]);
        BigDecimal routed = new BigDecimal(fields[1]);
        return routed.subtract(start).movePointRight(3).longValueExact();
    }

    /** One class: the seed scenario's deployment and a Ready client, then {@code bench.runs} Services, one sample each. */
    @K8sNetTest
    @WithDeployment(name = "my-nginx", image = "nginx:1.22.1", replicas = 2, port = 80, labels = "run=my-nginx")
    static class Routing {

        @Test
        void routable(NetTest net, TestReporter reporter) {
            int runs = Phases.runs(System.getProperty(Phases.RUNS_KEY));
            ProbeClient client = net.client(ClientSpec.named("load-generator").build());
            if (!client.exec("true").success()) {
                throw new AssertionError("the client cannot run a command: " + client);
            }
            for (int i = 0; i < runs; i++) {
                String name = "routed-" + i;
                Service created = net.kubernetesClient().services().inNamespace(net.namespace()).resource(new ServiceBuilder()
                        .withNewMetadata().withName(name).endMetadata().withNewSpec().withSelector(Map.of("run", "my-nginx"))
                        .addNewPort().withPort(80).withNewTargetPort(80).endPort().endSpec().build()).create();
                String ip = created.getSpec().getClusterIP();
                ProbeResult r = client.exec("sh", "-c", script(ip, 80));
                long routable = millisToRoute(r.stdout(), name);
                reporter.publishEntry("bench.clusterip-routable", String.valueOf(routable));
                System.err.println("[benchmark] bench.clusterip-routable = " + routable + " (service " + name + ", " + ip
                        + "; script output: uptime at start, at the first connection, attempts: " + r.stdout().strip() + ")");
            }
        }
    }
}
