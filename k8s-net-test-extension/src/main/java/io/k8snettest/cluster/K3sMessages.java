package io.k8snettest.cluster;

import io.k8snettest.api.K8sNetTest;
import java.time.Duration;
import java.util.Locale;

/** The messages of a failed k3s start, each naming the setting to change. Pure: unit-tested. */
final class K3sMessages {

    private K3sMessages() {
    }

    /**
     * @param image    the image tried
     * @param timeout  the startup timeout in force
     * @param cause    what failed (messages of the cause chain)
     * @param rootless whether the Docker daemon runs rootless
     */
    static String startFailure(String image, Duration timeout, Throwable cause, boolean rootless) {
        String causes = chain(cause);
        String lower = causes.toLowerCase(Locale.ROOT);
        StringBuilder message = new StringBuilder("could not start k3s from image ").append(image).append(": ").append(causes);
        if (lower.contains("pull") || lower.contains("not found") || lower.contains("manifest unknown")
                || lower.contains("no such image")) {
            message.append("; the image could not be pulled: check ").append(K8sNetTest.K3S_IMAGE_KEY)
                    .append(" (a tag of rancher/k3s such as ").append(K8sNetTest.DEFAULT_K3S_IMAGE)
                    .append(", or a mirror of it that this Docker can reach; k3s releases write '+' as '-' in tags)");
        } else if (lower.contains("timed out") || lower.contains("timeout")) {
            message.append("; k3s did not report ready within ").append(K8sNetTest.K3S_STARTUP_TIMEOUT_KEY).append(" (")
                    .append(timeout.toSeconds()).append("s): raise it on a slow machine or for a cold image pull");
        }
        if (rootless) {
            message.append("; this Docker runs rootless, and k3s needs a privileged container with cgroups it may"
                    + " manage: use a rootful Docker, or an existing cluster with " + K8sNetTest.CLUSTER_KEY
                    + "=kubeconfig");
        } else if (lower.contains("privileged") || lower.contains("operation not permitted")
                || lower.contains("permission denied")) {
            message.append("; k3s needs a privileged container: allow privileged containers in this Docker, or use an"
                    + " existing cluster with " + K8sNetTest.CLUSTER_KEY + "=kubeconfig");
        }
        return message.toString();
    }

    private static String chain(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null && text.length() < 1000; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(m) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(m);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }
}
