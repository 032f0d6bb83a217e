package io.k8snettest.netpol;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A pod as NetworkPolicy sees it.
 *
 * @param namespace its namespace (must be one of the model's namespaces)
 * @param name its name
 * @param labels its labels (podSelector matches them)
 * @param ip its pod IP (ipBlock peers match it), or {@code null} when it has none yet
 * @param ports its containers' ports (named policy ports resolve against them)
 */
@API(status = INTERNAL, since = "0.1")
public record PodInfo(String namespace, String name, Map<String, String> labels, String ip,
                      List<ContainerPort> ports) implements Endpoint {

    public PodInfo {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
        if (ip != null) {
            IpAddress.parse(ip, "pod " + namespace + "/" + name);
        }
    }

    @Override
    public String display() {
        return namespace + "/" + name;
    }

    @Override
    public String toString() {
        return display();
    }
}
