package io.k8snettest.cluster;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** The one exception type for failures of the cluster or of what we asked it to do. */
@API(status = EXPERIMENTAL, since = "0.1")
public class ClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
