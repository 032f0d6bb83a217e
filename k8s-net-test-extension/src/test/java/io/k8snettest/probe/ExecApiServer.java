package io.k8snettest.probe;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for the API server's exec endpoint (protocol {@code v4.channel.k8s.io}) of one
 * pod, {@code ns/probe}: each exec runs its command in a local process, stdin from channel 0, stdout
 * and stderr to channels 1 and 2, the exit status on channel 3. So the real fabric8 client, and with it
 * {@link ExecTransport}, runs against a real websocket.
 */
final class ExecApiServer implements AutoCloseable {

    private static final String POD = "/api/v1/namespaces/ns/pods/probe";
    private static final String POD_JSON = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"probe\",\"namespace\":\"ns\","
            + "\"resourceVersion\":\"1\"},\"spec\":{\"containers\":[{\"name\":\"probe\",\"image\":\"busybox\"}]},"
            + "\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}],"
            + "\"containerStatuses\":[{\"name\":\"probe\",\"ready\":true,\"state\":{\"running\":{}}}]}}";
    private static final String POD_LIST = "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{\"resourceVersion\":\"1\"},"
            + "\"items\":[" + POD_JSON + "]}";

    final List<Process> processes = new CopyOnWriteArrayList<>();
    final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
    private final MockWebServer server = new MockWebServer();
    private final KubernetesClient client;

    ExecApiServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getPath();
                if (path.startsWith(POD + "/exec")) {
                    return new MockResponse().withWebSocketUpgrade(new Shell(path));
                }
                if (path.startsWith("/api/v1/namespaces/ns/pods?fieldSelector=metadata.name%3Dprobe")
                        && !path.contains("watch=true")) {
                    return new MockResponse().setResponseCode(200).setBody(POD_LIST);
                }
                if (path.startsWith(POD)) {
                    return new MockResponse().setResponseCode(200).setBody(POD_JSON);
                }
                return new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":404}");
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + server.getPort())
                .withNamespace("ns").build()).build();
    }

    KubernetesClient client() {
        return client;
    }

    /** Closes every exec from the server's side, as an API server restart does. */
    void dropAll() {
        sockets.forEach(s -> s.close(1001, "going away"));
    }

    long liveProcesses() {
        return processes.stream().filter(Process::isAlive).count();
    }

    @Override
    public void close() {
        client.close();
        processes.forEach(Process::destroyForcibly);
        server.shutdown();
    }

    private final class Shell extends WebSocketListener {
        private final String path;
        private Process process;

        Shell(String path) {
            this.path = path;
        }

        @Override
        public void onOpen(WebSocket ws, io.fabric8.mockwebserver.http.Response response) {
            sockets.add(ws);
            List<String> command = new java.util.ArrayList<>();
            for (String part : path.substring(path.indexOf('?') + 1).split("&")) {
                if (part.startsWith("command=")) {
                    command.add(java.net.URLDecoder.decode(part.substring(8), StandardCharsets.UTF_8));
                }
            }
            try {
                process = new ProcessBuilder(command).start();
            } catch (IOException e) {
                ws.send(frame(3, "{\"status\":\"Failure\",\"message\":\"" + e.getMessage().replace('"', '\'') + "\"}"));
                ws.close(1000, "");
                return;
            }
            processes.add(process);
            Thread out = pump(process.getInputStream(), 1, ws);
            Thread err = pump(process.getErrorStream(), 2, ws);
            process.onExit().thenRun(() -> {
                joinQuietly(out); // as the kubelet: all output first, then the status
                joinQuietly(err);
                ws.send(frame(3, process.exitValue() == 0 ? "{\"status\":\"Success\"}"
                        : "{\"status\":\"Failure\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\","
                        + "\"message\":\"" + process.exitValue() + "\"}]}}"));
                ws.close(1000, "");
            });
        }

        @Override
        public void onMessage(WebSocket ws, byte[] bytes) {
            if (bytes.length > 0 && bytes[0] == 0 && process != null) {
                try {
                    OutputStream in = process.getOutputStream();
                    in.write(bytes, 1, bytes.length - 1);
                    in.flush();
                } catch (IOException e) {
                    // the process is gone; its exit closes the socket
                }
            }
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            if (process != null) {
                process.destroyForcibly(); // a closed exec ends its process, as the kubelet does
            }
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, io.fabric8.mockwebserver.http.Response response) {
            onClosed(ws, 1006, String.valueOf(t));
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream from, int channel, WebSocket ws) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    byte[] frame = new byte[n + 1];
                    frame[0] = (byte) channel;
                    System.arraycopy(buffer, 0, frame, 1, n);
                    ws.send(frame);
                }
            } catch (IOException e) {
                // the process went away
            }
        }, "exec-api-server-pump");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static byte[] frame(int channel, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[body.length + 1];
        frame[0] = (byte) channel;
        System.arraycopy(body, 0, frame, 1, body.length);
        return frame;
    }
}
