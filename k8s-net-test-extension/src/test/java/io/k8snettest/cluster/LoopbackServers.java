package io.k8snettest.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** Misbehaving "API servers" on 127.0.0.1 for the fault tests; each closes its sockets. */
final class LoopbackServers {

    private LoopbackServers() {
    }

    /** A loopback port nobody listens on: bound a moment ago and closed. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Accepts connections and never answers (the sockets stay open until {@link #close}); counts connections. */
    static class Silent implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        Silent() throws IOException {
            this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        }

        Silent(ServerSocket server) {
            this.server = server;
            Thread t = new Thread(this::acceptLoop, "silent-api-server");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    held.add(s);
                    onAccept(s);
                } catch (IOException e) {
                    return;
                }
            }
        }

        void onAccept(Socket socket) {
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** A TLS server with a self-signed certificate for {@code san} (e.g. {@code ip:127.0.0.1}); it completes handshakes only. */
    static final class SelfSignedTls extends Silent {
        final String certificatePem;

        private SelfSignedTls(SSLServerSocket server, String certificatePem) {
            super(server);
            this.certificatePem = certificatePem;
        }

        static SelfSignedTls start(Path dir, String san) throws Exception {
            Path keystore = dir.resolve("server.p12");
            keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=fake-api",
                    "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass", "changeit", "-keypass", "changeit");
            Path pem = dir.resolve("server.pem");
            keytool(dir, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
                    "-file", pem.toString());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                ks.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "changeit".toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50,
                    InetAddress.getLoopbackAddress());
            return new SelfSignedTls(server, Files.readString(pem));
        }

        @Override
        void onAccept(Socket socket) {
            try {
                socket.setSoTimeout(5_000);
                ((SSLSocket) socket).startHandshake();
            } catch (IOException e) {
                // the client rejected us: what the tests want
            }
        }

        private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            List<String> command = new java.util.ArrayList<>(List.of(keytool));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new UncheckedIOException(new IOException("keytool failed: " + output));
            }
        }
    }
}
