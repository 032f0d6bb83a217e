package io.k8snettest.examples.hello;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The examples' own service: a few lines of Java that Jib packs into an image tarball during the
 * Maven build ({@code target/jib-image.tar}), which {@code OwnImageTest} loads into the cluster and
 * reaches through its ClusterIP.
 */
public final class HelloService {

    /** The port it listens on. */
    public static final int PORT = 8080;
    /** What it answers on {@code /}. */
    public static final String GREETING = "hello from the examples' own image";

    private HelloService() {
    }

    /** Serves {@link #GREETING} and the pod's name on {@link #PORT} until the process is stopped. */
    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(PORT), 0);
        server.createContext("/", exchange -> {
            byte[] body = (GREETING + " (pod " + System.getenv().getOrDefault("HOSTNAME", "?") + ")\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("HelloService listening on port " + PORT);
    }
}
