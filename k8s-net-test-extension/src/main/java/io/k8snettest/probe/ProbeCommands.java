package io.k8snettest.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The commands a probe runs in a busybox client, and how their output is read. Pure.
 *
 * <p>busybox {@code wget -S} prints the response status lines to stderr ({@code   HTTP/1.1 200 OK});
 * after a redirect the last one counts. busybox {@code nc} builds differ in whether they know
 * {@code -z}, and without it {@code nc} stays connected until the server hangs up (nginx waits 60s
 * for a request), so a TCP connect is {@code nc -w SEC host port -e true}: exit 0 as soon as it is
 * connected, 1 when refused or when the connect timed out.
 */
@API(status = INTERNAL, since = "0.1")
public final class ProbeCommands {

    private static final Pattern STATUS = Pattern.compile("HTTP/\\d(?:\\.\\d)?\\s+(\\d{3})");

    private ProbeCommands() {
    }

    /** Per-probe timeout in whole seconds (at least 1) for the tools' own timeout flags. */
    public static int seconds(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
    }

    public static String url(String host, int port, String path) {
        String p = path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
        return "http://" + hostPart(host) + ":" + port + p;
    }

    private static String hostPart(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * {@code timeout SEC wget ...} rather than {@code wget -T SEC}: Debian's busybox before 1.36.1-5
     * is built without wget's timeout option, and {@code -T} makes it crash (exit 139).
     */
    public static List<String> http(String host, int port, String path, int timeoutSeconds) {
        return List.of("timeout", String.valueOf(timeoutSeconds), "wget", "-q", "-S", "-O", "-", url(host, port, path));
    }

    public static String tcpTarget(String host, int port) {
        return "tcp://" + hostPart(host) + ":" + port;
    }

    public static List<String> tcp(String host, int port, int timeoutSeconds) {
        return List.of("sh", "-c", "nc -w " + timeoutSeconds + " " + host + " " + port + " -e true </dev/null");
    }

    /**
     * A DNS lookup of the name's A and AAAA records, bounded by {@code timeout} like {@link #http};
     * read its output with {@link NslookupOutput#addresses}.
     */
    public static List<String> nslookup(String name, int timeoutSeconds) {
        return List.of("timeout", String.valueOf(timeoutSeconds), "nslookup", name);
    }

    /** The last HTTP status in {@code wget -S} output, or -1 when none was received. */
    public static int httpStatus(String stderr) {
        if (stderr == null) {
            return -1;
        }
        Matcher m = STATUS.matcher(stderr);
        int status = -1;
        while (m.find()) {
            status = Integer.parseInt(m.group(1));
        }
        return status;
    }

    /** Whether an HTTP probe met its expectation: the status, and the body substring when not empty. */
    public static boolean httpMatches(int status, String body, int expectStatus, String expectBody) {
        return status == expectStatus && (expectBody == null || expectBody.isEmpty() || (body != null && body.contains(expectBody)));
    }
}
