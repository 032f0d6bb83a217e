package io.k8snettest.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.k8snettest.k8s.ServiceTarget;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ServiceHandle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Positive control of a negative check without a client pod: through the API server's port-forward
 * (no NetworkPolicy applies to that path) to every ready endpoint of the service port under test,
 * on the pod port it resolves to. TCP: a connect whose refusal the kubelet reports
 * ({@link PortForwardConnect}); HTTP: a GET whose answer proves the connection.
 */
@API(status = INTERNAL, since = "0.1")
public final class PortForwardControl {

    static final String HOW = "through a port-forward to each pod (which no NetworkPolicy filters)";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final KubernetesClient client;

    public PortForwardControl(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Retries (bounded) until every ready endpoint of {@code target}'s port answers through a
     * port-forward; an AssertionError when one refuses ({@link ServingProof}) or they never all do.
     */
    public void awaitServing(ServiceTarget target, ProbeProtocol protocol, String path, Duration timeout, Supplier<String> diagnostics) {
        ServingProof.await(client, target, HOW, e -> probe(target.namespace(), e, protocol, path), timeout, diagnostics);
    }

    /** Retries (bounded) until the pod answers on {@code port} through a port-forward; an AssertionError when it never does. */
    public void awaitPodServing(String namespace, String pod, String ip, int port, ProbeProtocol protocol, String path,
                                Duration timeout, Supplier<String> diagnostics) {
        ServiceHandle.Endpoint endpoint = new ServiceHandle.Endpoint(ip, port, pod, null, null, port);
        Probing.untilSuccess("positive control: pod " + namespace + "/" + pod + " serves port " + port + " " + HOW,
                timeout, () -> probe(namespace, endpoint, protocol, path), diagnostics);
    }

    ProbeResult probe(String namespace, ServiceHandle.Endpoint endpoint, ProbeProtocol protocol, String path) {
        if (endpoint.podName() == null) {
            return new ProbeResult("this JVM", "endpoint " + endpoint.ip() + ":" + endpoint.port(), List.of(), -1, "",
                    "the endpoint names no pod, so there is nothing to port-forward to; give the check a controlClient",
                    -1, false, Duration.ZERO);
        }
        if (protocol == ProbeProtocol.TCP) {
            return new PortForwardConnect(client, TIMEOUT).connect(namespace, endpoint.podName(), endpoint.port());
        }
        return http(namespace, endpoint, path);
    }

    /** An answer proves the connection; a failure carries the kubelet's error (a refusal says "connection refused"). */
    private ProbeResult http(String namespace, ServiceHandle.Endpoint endpoint, String path) {
        String target = "pod " + namespace + "/" + endpoint.podName() + " port " + endpoint.port() + " through a port-forward";
        List<String> command = List.of("kubectl", "port-forward", "-n", namespace, "pod/" + endpoint.podName(),
                ":" + endpoint.port());
        long start = System.nanoTime();
        LocalPortForward forward = null;
        try {
            forward = client.pods().inNamespace(namespace).withName(endpoint.podName()).portForward(endpoint.port());
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(
                    HttpRequest.newBuilder(URI.create(ProbeCommands.url("127.0.0.1", forward.getLocalPort(), path)))
                            .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            return result(target, command, 0, response.body(), "", status, status < 500, start);
        } catch (IOException | RuntimeException e) {
            boolean kubelet = forward != null && forward.errorOccurred();
            String err = e + (kubelet ? "; port-forward: " + errors(forward) : "");
            return result(target, command, kubelet ? 1 : -1, "", err, -1, false, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(target, command, -1, "", "interrupted", -1, false, start);
        } finally {
            closeQuietly(forward);
        }
    }

    /** The forward's errors, each once (the HTTP client may connect twice, the kubelet then reports twice). */
    private static String errors(LocalPortForward forward) {
        return String.join("; ", java.util.stream.Stream.concat(forward.getServerThrowables().stream(),
                forward.getClientThrowables().stream()).map(t -> String.valueOf(t.getMessage())).distinct().toList());
    }

    private static void closeQuietly(LocalPortForward forward) {
        if (forward != null) {
            try {
                forward.close();
            } catch (IOException e) {
                // the forward is gone either way
            }
        }
    }

    private static ProbeResult result(String target, List<String> command, int exit, String out, String err, int status,
                                      boolean success, long start) {
        return new ProbeResult("this JVM", target, command, exit, out, err, status, success,
                Duration.ofNanos(System.nanoTime() - start));
    }
}
