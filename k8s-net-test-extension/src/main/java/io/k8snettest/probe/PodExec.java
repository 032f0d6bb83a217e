package io.k8snettest.probe;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a command in a pod's container through the API server, bounded by a timeout. */
final class PodExec implements CommandRunner {

    /** What a command did; exit code -1 when it could not be run or timed out. */
    record Outcome(int exitCode, String stdout, String stderr, Duration duration) {
    }

    private final KubernetesClient client;

    PodExec(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Outcome run(String namespace, String pod, String container, List<String> command, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        var resource = client.pods().inNamespace(namespace).withName(pod);
        io.fabric8.kubernetes.client.dsl.ContainerResource target = container == null ? resource : resource.inContainer(container);
        try (ExecWatch watch = target.writingOutput(out).writingError(err).exec(command.toArray(String[]::new))) {
            int code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(code, text(out), text(err), since(start));
        } catch (TimeoutException e) {
            return new Outcome(-1, text(out), text(err) + "\n(exec did not finish within " + timeout.toMillis() + " ms)", since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, text(out), text(err) + "\n(interrupted)", since(start));
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return new Outcome(-1, text(out), text(err) + "\n(exec failed: " + cause + ")", since(start));
        }
    }

    @Override
    public boolean isRunning(String namespace, String pod) {
        Pod p = client.pods().inNamespace(namespace).withName(pod).get();
        return p != null && p.getMetadata().getDeletionTimestamp() == null;
    }

    private static String text(ByteArrayOutputStream stream) {
        synchronized (stream) {
            return stream.toString(StandardCharsets.UTF_8);
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
