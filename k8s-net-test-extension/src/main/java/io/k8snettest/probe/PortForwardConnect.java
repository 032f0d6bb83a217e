package io.k8snettest.probe;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.k8snettest.api.ProbeResult;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One TCP connect to a pod's port through the API server's port-forward, which no NetworkPolicy
 * filters; it tells a refused connect from an open one.
 *
 * <p>A local port-forward socket accepts before the pod side is connected, so it cannot tell. This
 * talks the port-forward websocket protocol ({@code v4.channel.k8s.io}) itself: the kubelet first
 * sends the port number on the data and the error channel, then dials the port inside the pod's
 * network namespace; a dial that fails (refused) is reported on the error channel at once. So: the
 * port prefixes arrived and, within {@link #SETTLE}, no error did (or the pod sent data, or closed
 * the stream cleanly) means connected; an error means not.
 */
final class PortForwardConnect {

    /** How long after the kubelet started forwarding an error may still arrive; a local dial refuses within milliseconds. */
    static final Duration SETTLE = Duration.ofSeconds(1);

    private static final int DATA = 0;
    private static final int ERROR = 1;

    private final KubernetesClient client;
    private final Duration timeout;

    PortForwardConnect(KubernetesClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    ProbeResult connect(String namespace, String pod, int port) {
        String target = "pod " + namespace + "/" + pod + " port " + port + " through a port-forward";
        List<String> command = List.of("kubectl", "port-forward", "-n", namespace, "pod/" + pod, ":" + port);
        URI uri = URI.create(client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + namespace
                + "/pods/" + pod + "/portforward?ports=" + port);
        Listener listener = new Listener();
        long start = System.nanoTime();
        CompletableFuture<WebSocket> socket = client.getHttpClient().newWebSocketBuilder().uri(uri)
                .subprotocol("v4.channel.k8s.io").connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).buildAsync(listener);
        socket.whenComplete((ws, t) -> {
            if (t != null) {
                listener.unavailable("port-forward could not be opened: " + t);
            }
        });
        try {
            Verdict verdict = listener.verdict(timeout);
            return new ProbeResult("this JVM", target, command, verdict.exit, "", verdict.detail, -1, verdict.exit == 0,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeResult("this JVM", target, command, -1, "", "interrupted", -1, false,
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            socket.whenComplete((ws, t) -> {
                if (ws != null) {
                    ws.sendClose(1000, "probe done");
                }
            });
        }
    }

    private record Verdict(int exit, String detail) {
    }

    /** Follows the channels: the two port prefixes, then an error, data, or a close. */
    private static final class Listener implements WebSocket.Listener {
        private final AtomicInteger prefixes = new AtomicInteger();
        private final CompletableFuture<Void> forwarding = new CompletableFuture<>();
        /** exit 1: the kubelet reported the connect failing (the tool ran, like nc); exit -1: no port-forward at all */
        private final CompletableFuture<Verdict> failed = new CompletableFuture<>();
        private final CompletableFuture<String> answered = new CompletableFuture<>();

        Verdict verdict(Duration timeout) throws InterruptedException {
            try {
                CompletableFuture.anyOf(forwarding, failed).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (failed.isDone()) {
                    return failed.join();
                }
                Object first = CompletableFuture.anyOf(failed, answered).get(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
                return failed.isDone() ? failed.join() : new Verdict(0, "connected; " + first);
            } catch (TimeoutException e) {
                return forwarding.isDone() ? new Verdict(0, "connected (the pod side held the connection open)")
                        : new Verdict(-1, "the port-forward did not start within " + timeout.toMillis() + " ms");
            } catch (ExecutionException e) {
                return new Verdict(-1, "port-forward failed: " + e.getCause());
            }
        }

        void unavailable(String why) {
            failed.complete(new Verdict(-1, why));
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            onMessage(webSocket, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteBuffer buffer) {
            if (buffer.hasRemaining()) {
                int channel = buffer.get();
                if (prefixes.get() < 2 && (channel == DATA || channel == ERROR)) {
                    if (prefixes.incrementAndGet() == 2) {
                        forwarding.complete(null);
                    }
                } else if (channel == ERROR) {
                    failed.complete(new Verdict(1, StandardCharsets.UTF_8.decode(buffer).toString().strip()));
                } else if (channel == DATA) {
                    answered.complete("the pod sent " + buffer.remaining() + " byte(s)");
                }
            }
            webSocket.request();
        }

        @Override
        public void onClose(WebSocket webSocket, int code, String reason) {
            String how = code + (reason == null || reason.isEmpty() ? "" : " " + reason);
            if (forwarding.isDone()) {
                answered.complete("the pod side closed the stream (" + how + ")");
            } else {
                unavailable("the port-forward closed (" + how + ") before the kubelet started forwarding");
            }
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            unavailable("port-forward error: " + error);
        }
    }
}
