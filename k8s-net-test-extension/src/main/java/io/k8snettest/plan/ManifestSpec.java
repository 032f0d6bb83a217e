package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A manifest file, loaded and parsed while planning (before any cluster call).
 *
 * @param location   the location as written in the annotation
 * @param resolvedAs where it was found (classpath URL or absolute path)
 * @param resources  the objects it declares, in file order
 * @param awaitReady whether to wait for its deployments to be Ready
 * @param origin     where it was declared, for messages
 */
@API(status = INTERNAL, since = "0.1")
public record ManifestSpec(String location, String resolvedAs, List<HasMetadata> resources, boolean awaitReady,
                           String origin) {

    public ManifestSpec {
        resources = List.copyOf(resources);
    }
}
