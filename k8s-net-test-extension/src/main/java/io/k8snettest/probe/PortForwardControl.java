package io.k8snettest.probe;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.k8snettest.api.ProbeProtocol;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.api.ServiceHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Positive control of a negative check without a client pod: a port-forward through the API server
 * to a ready backend pod (no NetworkPolicy applies to that path), then one HTTP GET or TCP connect
 * on loopback. Proves the target serves, so "blocked" is not a broken target.
 */
final class PortForwardControl {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final KubernetesClient client;

    PortForwardControl(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Retries (bounded) until a ready backend pod of {@code target} answers through a port-forward;
     * an AssertionError when it never does (a target that is down proves nothing by being "blocked").
     */
    ProbeResult awaitServing(ServiceTarget target, ProbeProtocol protocol, String path, Duration timeout,
                             Supplier<String> diagnostics) {
        return Probing.untilSuccess("positive control: " + target.name() + ":" + target.servicePort()
                + " serves through a port-forward to a ready backend pod", timeout, () -> {
            List<ServiceHandle.Endpoint> endpoints = target.endpoints(client);
            if (endpoints.isEmpty()) {
                return new ProbeResult("this JVM", "service " + target.name(), List.of(), -1, "",
                        "the service has no ready endpoint: the target is down, so 'blocked' would prove nothing",
                        -1, false, Duration.ZERO);
            }
            return probe(target.namespace(), endpoints.get(0), protocol, path);
        }, diagnostics);
    }

    ProbeResult probe(String namespace, ServiceHandle.Endpoint endpoint, ProbeProtocol protocol, String path) {
        String target = "pod " + endpoint.podName() + " port " + endpoint.port() + " via port-forward";
        List<String> command = List.of("kubectl", "port-forward", "-n", namespace, "pod/" + endpoint.podName(),
                ":" + endpoint.port());
        long start = System.nanoTime();
        try (LocalPortForward forward = client.pods().inNamespace(namespace).withName(endpoint.podName())
                .portForward(endpoint.port())) {
            int local = forward.getLocalPort();
            if (protocol == ProbeProtocol.HTTP) {
                HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(
                        HttpRequest.newBuilder(URI.create(ProbeCommands.url("127.0.0.1", local, path))).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                return result(target, command, 0, response.body(), "", status, status < 500, start);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", local), (int) TIMEOUT.toMillis());
                // The local side accepts before the pod side connects: a refused pod-side connect shows up
                // as the stream closing with an error reported by the forwarder.
                socket.setSoTimeout(1000);
                try {
                    socket.getInputStream().read();
                } catch (SocketTimeoutException stillOpen) {
                    // the far end holds the connection open: it is there
                }
                boolean failed = forward.errorOccurred();
                return result(target, command, failed ? 1 : 0, "", failed ? "port-forward error: "
                        + forward.getServerThrowables() + forward.getClientThrowables() : "connected", -1, !failed, start);
            }
        } catch (IOException | RuntimeException e) {
            return result(target, command, -1, "", e.toString(), -1, false, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(target, command, -1, "", "interrupted", -1, false, start);
        }
    }

    private static ProbeResult result(String target, List<String> command, int exit, String out, String err, int status,
                                      boolean success, long start) {
        return new ProbeResult("this JVM", target, command, exit, out, err, status, success,
                Duration.ofNanos(System.nanoTime() - start));
    }
}
