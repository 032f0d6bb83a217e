package io.k8snettest.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.config.Settings;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.apiguardian.api.API;

/** Picks the {@link ClusterProvider} named by {@value K8sNetTest#CLUSTER_KEY}. */
@API(status = INTERNAL, since = "0.1")
public final class ClusterProviders {

    static final String AUTO = "auto";
    static final String K3S = "k3s";
    static final String KUBECONFIG = "kubeconfig";

    private ClusterProviders() {
    }

    /**
     * @param explicitCluster {@code @K8sNetTest(cluster = ...)}, empty or null for the configured setting
     */
    public static ClusterProvider select(Settings settings, String explicitCluster) {
        String value = settings.string(K8sNetTest.CLUSTER_KEY, explicitCluster, AUTO);
        return switch (value) {
            case AUTO -> settings.lookup(K8sNetTest.KUBECONFIG_KEY).isPresent()
                    ? new KubeconfigClusterProvider() : new K3sClusterProvider();
            case K3S -> new K3sClusterProvider();
            case KUBECONFIG -> new KubeconfigClusterProvider();
            default -> instantiate(value, explicitCluster != null && !explicitCluster.isEmpty()
                    ? "@K8sNetTest(cluster)" : settings.describeSource(K8sNetTest.CLUSTER_KEY));
        };
    }

    private static ClusterProvider instantiate(String className, String source) {
        String allowed = "; allowed: auto, k3s, kubeconfig, or the fully-qualified name of a "
                + ClusterProvider.class.getName() + " with a public no-argument constructor";
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ExtensionConfigurationException(source + " is '" + className + "'" + allowed, e);
        }
        if (!ClusterProvider.class.isAssignableFrom(type)) {
            throw new ExtensionConfigurationException(source + " is '" + className + "', which does not implement "
                    + ClusterProvider.class.getName() + allowed);
        }
        try {
            return (ClusterProvider) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new ExtensionConfigurationException(source + " is '" + className + "', which cannot be instantiated" + allowed, e);
        } catch (InvocationTargetException e) {
            throw new ExtensionConfigurationException(source + " is '" + className + "', whose constructor failed: "
                    + e.getCause(), e.getCause());
        }
    }
}
