package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k8snettest.cluster.ClusterException;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Turns the API server's refusal of an object we create into an error that names the declaration
 * it came from, the object, the server's reason (status message and causes) and what to do.
 */
@API(status = INTERNAL, since = "0.1")
public final class Rejections {

    private static final String NO_HANDLER = "Could not find a registered handler";

    private Rejections() {
    }

    /**
     * @param origin the declaration, e.g. {@code @WithManifest("a.yaml") on MyTest}
     * @param source where the object was written, e.g. {@code from file:/x/a.yaml}; empty when the origin says it
     */
    static ClusterException rejected(String origin, String source, HasMetadata object, KubernetesClientException e) {
        String what = object.getKind() + " \"" + object.getMetadata().getName() + "\""
                + (source.isEmpty() ? "" : " " + source);
        if (e.getCode() <= 0 && String.valueOf(e.getMessage()).startsWith(NO_HANDLER)) {
            // fabric8 asked the server's API discovery for the kind of a generic object and found none
            return new ClusterException(origin + ": the API server rejected " + what + ": the cluster serves no kind "
                    + object.getKind() + " in apiVersion " + object.getApiVersion() + " (its API discovery does not"
                    + " list it); " + remedy(404), e);
        }
        if (namespaceTerminating(e)) {
            return new ClusterException(origin + ": the API server rejected " + what + ": " + reason(e) + "; "
                    + NAMESPACE_TERMINATING_REMEDY, e);
        }
        return new ClusterException(origin + ": the API server rejected " + what + ": " + reason(e) + "; "
                + remedy(e.getCode()), e);
    }

    /** What to do when the test's namespace was deleted under it. */
    static final String NAMESPACE_TERMINATING_REMEDY = "the namespace is being deleted: something outside this test deleted"
            + " it (kubectl delete, a clean-up job, or another run's stale-namespace collection); the test cannot go on in it."
            + " Find who deletes namespaces labelled app.kubernetes.io/managed-by=k8s-net-test";

    /** Whether the server refused because the namespace is being deleted (HTTP 403, cause NamespaceTerminating). */
    public static boolean namespaceTerminating(KubernetesClientException e) {
        if (e.getCode() != 403) {
            return false;
        }
        Status status = e.getStatus();
        boolean cause = status != null && status.getDetails() != null && status.getDetails().getCauses() != null
                && status.getDetails().getCauses().stream().anyMatch(c -> "NamespaceTerminating".equals(c.getReason()));
        return cause || String.valueOf(e.getMessage()).contains("because it is being terminated");
    }

    /** A failure to create {@code what} in {@code namespace} because that namespace is being deleted. */
    public static ClusterException namespaceTerminating(String what, String namespace, KubernetesClientException e) {
        return new ClusterException("cannot create " + what + " in namespace " + namespace + ": " + reason(e) + "; "
                + NAMESPACE_TERMINATING_REMEDY, e);
    }

    /** {@code HTTP 422 Invalid: <message> (causes: <field>: <message>, ...)}, as far as the server said. */
    static String reason(KubernetesClientException e) {
        Status status = e.getStatus();
        StringBuilder text = new StringBuilder(e.getCode() > 0 ? "HTTP " + e.getCode() : "no HTTP status");
        if (status != null && status.getReason() != null && !status.getReason().isEmpty()) {
            text.append(' ').append(status.getReason());
        }
        String message = status != null && status.getMessage() != null && !status.getMessage().isEmpty()
                ? status.getMessage() : firstLine(e.getMessage());
        text.append(": ").append(message);
        List<String> causes = new ArrayList<>();
        if (status != null && status.getDetails() != null && status.getDetails().getCauses() != null) {
            for (StatusCause cause : status.getDetails().getCauses()) {
                String field = cause.getField() == null || cause.getField().isEmpty() ? "" : cause.getField() + ": ";
                String causeText = field
                        + (cause.getMessage() == null ? String.valueOf(cause.getReason()) : cause.getMessage());
                if (!message.contains(causeText)) {
                    causes.add(causeText);
                }
            }
        }
        if (!causes.isEmpty()) {
            text.append(" (causes: ").append(String.join("; ", causes)).append(')');
        }
        return text.toString();
    }

    private static String remedy(int code) {
        return switch (code) {
            case 404 -> "check apiVersion and kind (kubectl api-resources lists what the cluster serves; a custom"
                    + " resource needs its CustomResourceDefinition installed first)";
            case 400, 422 -> "fix the object as the server's reason says (kubectl apply --dry-run=server -f <file>"
                    + " reproduces the check)";
            case 401, 403 -> "the kubeconfig's identity may not write this kind in the test namespace; grant it (see"
                    + " the README on the permissions the identity needs)";
            case 409 -> "an object of that kind and name already exists or changed meanwhile; rename it";
            default -> "see the server's reason";
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
