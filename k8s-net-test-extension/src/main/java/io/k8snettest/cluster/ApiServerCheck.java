package io.k8snettest.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The first requests to an API server ({@code GET /version}, then listing one namespace, which the
 * tests need anyway), bounded by {@link #BOUND} together with no retries, and a verdict that names the root cause and what to check: connection refused, no
 * answer, TLS handshake failure (untrusted certificate, hostname mismatch, not TLS at all), HTTP
 * 401/403 for the kubeconfig's user.
 */
final class ApiServerCheck {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The check gives a verdict within this bound, whatever the server does. */
    static final Duration BOUND = Duration.ofSeconds(15);

    private ApiServerCheck() {
    }

    /**
     * Asks the server for its version through a short-lived client of {@code config} (whose
     * timeouts and retries it sets for the check; the caller sets its own afterwards).
     *
     * @param where describes the kubeconfig, context and server for messages
     * @param user  the user name of the context, for 401/403
     * @return the server's git version
     */
    static String version(Config config, String where, String user) {
        config.setConnectionTimeout((int) CONNECT_TIMEOUT.toMillis());
        config.setRequestTimeout((int) REQUEST_TIMEOUT.toMillis());
        config.setRequestRetryBackoffLimit(0);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        String[] step = {"GET /version"};
        CompletableFuture<String> version = CompletableFuture.supplyAsync(() -> {
            String gitVersion = client.getKubernetesVersion().getGitVersion();
            step[0] = "list namespaces";
            client.namespaces().list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build());
            return gitVersion;
        });
        try {
            return version.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ClusterException(prefix(where, step[0]) + "no answer within " + BOUND.toSeconds() + "s. "
                    + noAnswerHint(), e);
        } catch (ExecutionException e) {
            throw new ClusterException(prefix(where, step[0]) + verdict(e.getCause(), config.getMasterUrl(), user, step[0]),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(prefix(where, step[0]) + "interrupted", e);
        } finally {
            version.cancel(true);
            client.close();
        }
    }

    private static String prefix(String where, String step) {
        return "k8s-net-test: cannot reach the API server of " + where + " (" + step + "): ";
    }

    /** The root cause of a failed check and what to check, from the exception chain. */
    static String verdict(Throwable failure, String server, String user, String step) {
        String hostPort = hostPort(server);
        KubernetesClientException http = find(failure, KubernetesClientException.class);
        if (http != null && (http.getCode() == 401 || http.getCode() == 403)) {
            return http.getCode() == 401
                    ? "HTTP 401 Unauthorized: the server did not accept the credentials of user '" + user
                    + "'. Check that its token, client certificate or exec plugin in the kubeconfig is valid and not expired."
                    : "HTTP 403 Forbidden: user '" + user + "' may not " + step + ". Check the user's RBAC bindings"
                    + " (the tests need to create namespaces, deployments, services, pods, pods/exec and pods/portforward).";
        }
        if (find(failure, ConnectException.class) != null) {
            return "connection refused by " + hostPort + ": nothing listens there. Check that the cluster is running and"
                    + " the server address of the kubeconfig's cluster.";
        }
        if (find(failure, UnknownHostException.class) != null) {
            return "cannot resolve the host of " + server + ". Check the server address of the kubeconfig's cluster.";
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return "TLS handshake with " + hostPort + " failed: " + tlsReason(tls) + " (" + tls.getMessage() + ").";
        }
        if (find(failure, InterruptedIOException.class) != null) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + "s from " + hostPort + ". " + noAnswerHint();
        }
        if (http != null && http.getCode() > 0) {
            return "HTTP " + http.getCode() + ": " + http.getMessage() + ". Check the server address (is it an API server?).";
        }
        return failure + ". Check the server address and credentials of the kubeconfig's context.";
    }

    private static String tlsReason(SSLException tls) {
        String text = chainText(tls);
        if (text.contains("No subject alternative") || text.contains("doesn't match") || text.contains("hostname")
                || text.contains("Hostname")) {
            return "hostname mismatch: the server's certificate is not issued for this address. Check the server address"
                    + " (use the name or IP its certificate names) or tls-server-name of the kubeconfig's cluster";
        }
        if (text.contains("PKIX") || text.contains("certification path") || find(tls, CertificateException.class) != null) {
            return "certificate not trusted: it is not signed by the kubeconfig cluster's certificate-authority."
                    + " Check certificate-authority(-data) of the kubeconfig's cluster";
        }
        if (text.contains("plaintext") || text.contains("Unsupported or unrecognized SSL message")
                || text.contains("not an SSL/TLS record")) {
            return "the server does not speak TLS (plain HTTP on an https:// address?). Check the server address and port";
        }
        return "check the server address and the certificate-authority of the kubeconfig's cluster";
    }

    private static String noAnswerHint() {
        return "The connection was accepted but the server never answered: check the server address and port (is it an"
                + " API server?), proxies or firewalls in between, and whether the API server is overloaded.";
    }

    private static String chainText(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            text.append(c.getMessage()).append(' ');
        }
        return text.toString();
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String hostPort(String server) {
        try {
            URI uri = URI.create(server);
            return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80);
        } catch (RuntimeException e) {
            return server;
        }
    }
}
