package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * A service the test declares with {@code @ExposeService}, resolved against its deployment.
 *
 * @param name       service name
 * @param deployment the exposed deployment's name
 * @param selector   the deployment's pod labels
 * @param replicas   the deployment's desired replicas (endpoints wait for that many)
 * @param port       service port
 * @param targetPort container port
 * @param protocol   TCP, UDP or SCTP
 * @param type       {@code ClusterIP} or {@code NodePort}
 * @param origin     where it was declared, for messages
 */
@API(status = INTERNAL, since = "0.1")
public record ServiceSpec(String name, String deployment, Map<String, String> selector, int replicas, int port,
                          int targetPort, String protocol, String type, String origin) {

    public ServiceSpec {
        selector = Map.copyOf(selector);
    }
}
