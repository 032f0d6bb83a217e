package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.k8snettest.cluster.ClusterException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Waits#until(String, Duration, Wakeups, java.util.concurrent.Callable, java.util.function.Supplier,
 * java.util.function.Supplier)} against the fabric8 mock API server (CRUD mode, real watches): a wait
 * reacts to the watch event, not to its safety-net poll, keeps the messages of a polled wait and
 * closes its watches whatever way it ends.
 */
@EnableKubernetesMockClient(crud = true)
@org.junit.jupiter.api.extension.ExtendWith(io.k8snettest.k8s.WatchesOn.class)
class WatchedWaitTest {

    static final String NS = "watched";
    /** A safety-net poll far longer than any of these waits may take: only an event can end them in time. */
    static final Duration NEVER = Duration.ofSeconds(30);
    /**
     * Bound in ms from an event to the end of the wait it wakes, its own reads included: a few ms on an
     * idle machine (3-240 ms measured with load 30-50 on 2 cores); far below {@link #NEVER}, so only the
     * event can explain it.
     */
    static final long REACTION_MS = 500;

    KubernetesClient client;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger evaluations = new AtomicInteger();
    /** When the watch last delivered an event of the flag. */
    private final AtomicLong eventAt = new AtomicLong();

    @AfterEach
    void stop() {
        later.shutdownNow();
    }

    private Wakeups watchingFlag(Duration safetyPoll) {
        return new Wakeups("flag", safetyPoll, safetyPoll).watch(ConfigMap.class, "config map flag",
                w -> counted(client.configMaps().inNamespace(NS).withName("flag").watch(w)),
                (action, cm) -> eventAt.set(System.nanoTime()));
    }

    /** The watch, counting its close. */
    private Watch counted(Watch watch) {
        return () -> {
            closed.incrementAndGet();
            watch.close();
        };
    }

    private boolean flagSet() {
        evaluations.incrementAndGet();
        ConfigMap cm = client.configMaps().inNamespace(NS).withName("flag").get();
        return cm != null && "true".equals(cm.getData().get("ready"));
    }

    /** Creates the flag config map after {@code delayMs}; completes with the nanoTime its creation returned. */
    private CompletableFuture<Long> setFlagAfter(long delayMs) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        later.schedule(() -> {
            client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("flag").endMetadata()
                    .withData(Map.of("ready", "true")).build()).create();
            done.complete(System.nanoTime());
        }, delayMs, TimeUnit.MILLISECONDS);
        return done;
    }

    @Test
    void aWaitReturnsWithinMillisecondsOfTheEventThoughItsSafetyPollIsLong() throws Exception {
        CompletableFuture<CompletableFuture<Long>> created = new CompletableFuture<>();
        try (Wakeups wakeups = watchingFlag(NEVER)) {
            assertThat(wakeups.openWatches()).isEqualTo(1);
            Waits.until("flag set", Duration.ofSeconds(10), wakeups, () -> {
                boolean set = flagSet();
                if (!set && !created.isDone()) {
                    created.complete(setFlagAfter(300)); // set while the wait waits, not before it began
                }
                return set;
            }, () -> "unset", () -> "");
        }
        assertThat(created).as("the flag was unset at the start").isDone();
        long end = System.nanoTime();
        long reactedMs = (end - eventAt.get()) / 1_000_000;

        System.out.println("[watched wait] returned " + reactedMs + " ms after the watch event; the event came "
                + (eventAt.get() - created.get().get()) / 1_000_000 + " ms after the object was created; "
                + evaluations.get() + " evaluations");
        assertThat(eventAt.get()).as("an event was seen").isGreaterThan(created.get().get());
        assertThat(reactedMs).as("ms from the event to the end of the wait").isLessThan(REACTION_MS);
        assertThat(evaluations.get()).as("one at the start, one on the event: no polling").isEqualTo(2);
        assertThat(closed.get()).as("closed watches").isEqualTo(1);
    }

    @Test
    void theFirstEvaluationIsImmediateAndATrueConditionOpensNoWait() {
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("flag").endMetadata()
                .withData(Map.of("ready", "true")).build()).create();
        long start = System.nanoTime();
        try (Wakeups wakeups = watchingFlag(NEVER)) {
            Waits.until("flag set", Duration.ofSeconds(10), wakeups, this::flagSet, () -> "unset", () -> "");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(evaluations.get()).isEqualTo(1);
        assertThat(closed.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("bad input: a watched wait that times out fails with the polled wait's message within its bound and closes its watch")
    void timeoutKeepsTheMessageAndClosesTheWatch() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            try (Wakeups wakeups = watchingFlag(NEVER)) {
                Waits.until("flag set", Duration.ofMillis(600), wakeups, this::flagSet, () -> "still unset", () -> "diag");
            }
        }).isInstanceOf(ClusterException.class)
                .hasMessage("'flag set' did not happen within 600ms; last state: still unset\ndiag");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("elapsed").isLessThan(Duration.ofMillis(1500));
        assertThat(closed.get()).isEqualTo(1);
    }

    @Test
    void aFailFastExceptionPropagatesUnchangedAndClosesTheWatch() {
        ClusterException reason = new ClusterException("image cannot be pulled");
        setFlagAfter(200);
        assertThatThrownBy(() -> {
            try (Wakeups wakeups = watchingFlag(NEVER)) {
                Waits.until("flag set", Duration.ofSeconds(10), wakeups, () -> {
                    if (flagSet()) {
                        throw reason;
                    }
                    return false;
                }, () -> "", () -> "");
            }
        }).isSameAs(reason);
        assertThat(closed.get()).isEqualTo(1);
    }

    @Test
    void aWatchThatCannotBeOpenedFallsBackToThePoll() {
        AtomicLong setAt = new AtomicLong();
        later.schedule(() -> setAt.set(System.nanoTime()), 300, TimeUnit.MILLISECONDS);
        try (Wakeups wakeups = new Wakeups("flag", NEVER, Duration.ofMillis(50)).watch(ConfigMap.class, "config maps",
                w -> {
                    throw new io.fabric8.kubernetes.client.KubernetesClientException("connection refused");
                })) {
            assertThat(wakeups.broken()).isTrue();
            assertThat(wakeups.pollInterval()).isEqualTo(Duration.ofMillis(50));
            Waits.until("flag set", Duration.ofSeconds(10), wakeups, () -> setAt.get() != 0, () -> "", () -> "");
        }
        assertThat((System.nanoTime() - setAt.get()) / 1_000_000).as("ms after the flag was set").isLessThan(REACTION_MS);
    }

    @Test
    @DisplayName("bad input: the API server goes away during a watched wait: it fails naming the connection within seconds, never hangs")
    void anApiServerThatGoesAwayFailsTheWaitInsteadOfHangingIt() {
        KubernetesMockServer gone = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        gone.init();
        Config config = new ConfigBuilder(gone.createClient().getConfiguration()).withRequestRetryBackoffLimit(0)
                .withRequestTimeout(2_000).withConnectionTimeout(2_000).build();
        AtomicInteger requests = new AtomicInteger();
        try (KubernetesClient c = new KubernetesClientBuilder().withConfig(config).build();
             Wakeups wakeups = new Wakeups("flag", Duration.ofMillis(500), Duration.ofMillis(100)).watch(ConfigMap.class,
                     "config map flag", w -> counted(c.configMaps().inNamespace(NS).withName("flag").watch(w)))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> Waits.until("flag set", Duration.ofSeconds(20), wakeups, () -> {
                if (requests.incrementAndGet() == 2) {
                    gone.destroy(); // stopped between two evaluations, with the watch open
                }
                return c.configMaps().inNamespace(NS).withName("flag").get() != null;
            }, () -> "", () -> "")).satisfies(e -> assertThat(chain(e)).containsAnyOf("connect", "Connection", "closed"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("elapsed").isLessThan(Duration.ofSeconds(10));
        }
        assertThat(closed.get()).isEqualTo(1);
    }

    private static String chain(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            s.append(c).append('\n');
        }
        return s.toString();
    }

    @Test
    void fireInWakesTheWaitAtThatTimeWithoutAnEvent() throws InterruptedException {
        Wakeups wakeups = new Wakeups("x", NEVER, NEVER);
        long start = System.nanoTime();
        wakeups.fireIn(Duration.ofMillis(150));
        assertThat(wakeups.await(NEVER.toNanos())).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150),
                Duration.ofMillis(150 + REACTION_MS));
        assertThat(wakeups.await(Duration.ofMillis(20).toNanos())).as("the time was consumed").isFalse();
    }

    @Test
    void aWakeupBeforeTheAwaitIsNotLost() throws InterruptedException {
        Wakeups wakeups = new Wakeups("x", NEVER, NEVER);
        wakeups.fire();
        long start = System.nanoTime();
        assertThat(wakeups.await(NEVER.toNanos())).isTrue();
        assertThat(wakeups.await(Duration.ofMillis(20).toNanos())).as("consumed").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
}
