package io.k8snettest.junit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.k8snettest.k8s.Wakeups;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.k8s.FakeControlPlane;
import io.k8snettest.k8s.WatchesOn;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A fabric8 CRUD mock server with the {@link FakeControlPlane} playing controllers and kubelet,
 * one per test method (inject it, see {@link Extension}), handed to the extension through
 * {@link MockClusterProvider}; afterwards the lifecycle tests ask it which namespaces exist, what
 * was created (watched) and which writes reached it, in order.
 */
final class MockCluster implements AutoCloseable {

    private String previousWatches;

    /** A write request the API server received (the dispatcher consumed its body). */
    record Write(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What the mock API server answers on {@code GET /version}. */
    static final String SERVER_VERSION = "v1.34.1+mock";

    final KubernetesClient client;
    private final KubernetesMockServer server;
    private final FakeControlPlane controlPlane;
    private final List<Write> writes = new ArrayList<>();
    private final List<HasMetadata> added = new ArrayList<>();
    private final List<Watch> watches;

    private MockCluster() {
        // The extension's waits poll here: the mock server can stall for up to a minute when a client closes
        // a watch while it sends events (see Wakeups.WATCHES_PROPERTY). Watches have their own tests.
        previousWatches = System.setProperty(Wakeups.WATCHES_PROPERTY, "false");
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher() {
                    @Override
                    public io.fabric8.mockwebserver.http.MockResponse handleGet(String path) {
                        // the CRUD dispatcher knows no /version; a real API server always answers it
                        return "/version".equals(path) ? new io.fabric8.mockwebserver.http.MockResponse().setResponseCode(200)
                                .setBody("{\"major\":\"1\",\"minor\":\"34\",\"gitVersion\":\"" + SERVER_VERSION + "\"}")
                                : super.handleGet(path);
                    }
                }, false);
        server.init();
        this.client = server.createClient();
        this.watches = List.of(client.namespaces().watch(recordAdded()),
                client.apps().deployments().inAnyNamespace().watch(recordAdded()),
                client.services().inAnyNamespace().watch(recordAdded()));
        this.controlPlane = new FakeControlPlane(client);
        MockClusterProvider.use(server);
    }

    /** Runs the test cases against this cluster; {@code parameters} add to the defaults of {@link EngineRuns}. */
    EngineExecutionResults run(Map<String, String> parameters, Class<?>... testCases) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(K8sNetTest.CLUSTER_KEY, MockClusterProvider.class.getName());
        all.putAll(parameters);
        return EngineRuns.run(all, testCases);
    }

    EngineExecutionResults run(Class<?>... testCases) {
        return run(Map.of(), testCases);
    }

    List<String> namespaces() {
        return client.namespaces().list().getItems().stream().map(ns -> ns.getMetadata().getName()).toList();
    }

    Namespace namespace(String name) {
        return client.namespaces().withName(name).get();
    }

    /** Every DELETE received so far, as {@code DELETE <path>}. */
    List<String> deletions() {
        return writes().stream().filter(w -> w.method().equals("DELETE")).map(Write::toString).toList();
    }

    /** The namespaces, deployments and services as they were first seen (watched), in order; also those deleted since. */
    <T extends HasMetadata> List<T> created(Class<T> type) {
        synchronized (added) {
            return added.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** The writes (not GETs) received so far, in order; the recorded requests are drained into it. */
    synchronized List<Write> writes() {
        try {
            for (RecordedRequest r = server.takeRequest(0, TimeUnit.MILLISECONDS); r != null;
                 r = server.takeRequest(0, TimeUnit.MILLISECONDS)) {
                if (!"GET".equals(r.getMethod())) {
                    String path = r.getPath();
                    int query = path.indexOf('?');
                    writes.add(new Write(r.getMethod(), query < 0 ? path : path.substring(0, query)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return List.copyOf(writes);
    }

    /** Forgets the writes so far (e.g. a test's own seeding). */
    synchronized void forgetWrites() {
        writes();
        writes.clear();
    }

    private <T extends HasMetadata> Watcher<T> recordAdded() {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T resource) {
                if (action == Action.ADDED) {
                    synchronized (added) {
                        added.add(resource);
                    }
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }

    @Override
    public void close() throws InterruptedException {
        MockClusterProvider.use(null);
        watches.forEach(Watch::close);
        controlPlane.close();
        client.close();
        server.destroy();
        WatchesOn.restore(previousWatches);
    }

    /** Injects a fresh {@link MockCluster} into a test method and closes it after the method. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == MockCluster.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(ExtensionContext.Namespace.create(MockCluster.class))
                    .getOrComputeIfAbsent(MockCluster.class, key -> new MockCluster(), MockCluster.class);
        }
    }
}
