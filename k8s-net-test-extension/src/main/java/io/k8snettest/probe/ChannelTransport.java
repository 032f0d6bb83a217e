package io.k8snettest.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Opens the long-lived shell a {@link ProbeChannel} talks to: in the cluster an exec of {@code sh}
 * through the API server ({@link ExecTransport}); in tests anything with a stdin, a stdout and a stderr.
 */
interface ChannelTransport {

    /**
     * Starts {@code sh} in the container, its stdout and stderr written into the given streams.
     *
     * @param died told once, with why, when the shell or its connection is gone (never after {@link Connection#close})
     * @throws RuntimeException when it cannot even be started (the caller falls back to a one-shot exec)
     */
    Connection open(String namespace, String pod, String container, OutputStream stdout, OutputStream stderr,
                    Consumer<String> died);

    /** An open shell. */
    interface Connection {
        /** Writes to the shell's stdin, flushed. */
        void send(byte[] bytes) throws IOException;

        /** Closes stdin and the connection (the shell then ends); idempotent, never throws. */
        void close();
    }
}
