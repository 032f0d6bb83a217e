package io.k8snettest.probe;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A {@link ChannelTransport} through the API server: one exec of {@code sh} with stdin attached, no TTY. */
final class ExecTransport implements ChannelTransport {

    private final KubernetesClient client;

    ExecTransport(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Connection open(String namespace, String pod, String container, OutputStream stdout, OutputStream stderr,
                           Consumer<String> died) {
        var resource = client.pods().inNamespace(namespace).withName(pod);
        ContainerResource target = container == null ? resource : resource.inContainer(container);
        AtomicBoolean closed = new AtomicBoolean();
        Consumer<String> gone = why -> {
            if (!closed.get()) {
                died.accept(why);
            }
        };
        ExecWatch watch = target.redirectingInput().writingOutput(stdout).writingError(stderr).usingListener(new ExecListener() {
            @Override
            public void onFailure(Throwable t, Response failureResponse) {
                gone.accept("exec failed: " + t);
            }

            @Override
            public void onClose(int code, String reason) {
                gone.accept("exec closed: " + code + " " + reason);
            }

            @Override
            public void onExit(int code, Status status) {
                gone.accept("the shell exited with " + code);
            }
        }).exec("sh");
        watch.exitCode().whenComplete((code, e) -> gone.accept(e != null ? "exec failed: " + e : "the shell exited with " + code));
        return new Connection() {
            @Override
            public void send(byte[] bytes) throws IOException {
                OutputStream in = watch.getInput();
                in.write(bytes);
                in.flush();
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    try {
                        watch.close();
                    } catch (RuntimeException e) {
                        // closing a connection that already broke: nothing left to release
                    }
                }
            }
        };
    }
}
