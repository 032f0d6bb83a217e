package io.k8snettest.probe;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One long-lived shell in a container that runs one command at a time ({@link ChannelFraming}), so
 * a command costs one round trip instead of an exec's websocket upgrade, authentication and process
 * start. It creates no thread: the transport writes the shell's output into its parsers. A command
 * that overruns its timeout ends the channel (its shell may still be busy); so does anything that
 * breaks the framing. {@link ProbeChannels} pools channels and decides what happens after a death.
 */
final class ProbeChannel {

    /** What a request came to. */
    sealed interface Reply permits Done, NotFound, Died {
    }

    /** The command ran (or timed out: exit -1, and the channel is closed), as a one-shot exec would report it. */
    record Done(PodExec.Outcome outcome) implements Reply {
    }

    /** The program is not in the container: only a one-shot exec reports that as exec always did. */
    record NotFound() implements Reply {
    }

    /** The channel was or became unusable before the command's result came back. */
    record Died(String why, boolean everAnswered) implements Reply {
    }

    private static final class Pending {
        final long id;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        byte[] stdout;
        byte[] stderr;
        String code;

        Pending(long id) {
            this.id = id;
        }
    }

    private final String marker = ChannelFraming.newMarker();
    private final FrameParser out = new FrameParser(marker, records(true));
    private final FrameParser err = new FrameParser(marker, records(false));
    private final ChannelTransport.Connection connection;
    private long nextId;
    private Pending pending;
    private String death;
    private boolean answered;

    /** Starts the shell; throws when the transport cannot (the caller runs the command the one-shot way). */
    ProbeChannel(ChannelTransport transport, String namespace, String pod, String container) {
        ChannelTransport.Connection opened = transport.open(namespace, pod, container, serialised(out), serialised(err), this::die);
        synchronized (this) {
            this.connection = opened;
            if (death != null) {
                opened.close();
            }
        }
    }

    /** Whether the channel can take a request (it may still turn out dead when it gets one). */
    synchronized boolean alive() {
        return death == null;
    }

    /**
     * Runs {@code command}, answering within {@code timeout} from {@code startNanos}.
     * Not for concurrent use: one request at a time ({@link ProbeChannels} hands a channel to one caller).
     */
    Reply run(List<String> command, Duration timeout, long startNanos) {
        Pending request;
        synchronized (this) {
            if (death != null) {
                return new Died(death, answered);
            }
            request = new Pending(nextId++);
            pending = request;
        }
        try {
            connection.send(ChannelFraming.request(marker, request.id, command));
            long left = timeout.toNanos() - (System.nanoTime() - startNanos);
            request.done.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return abandon(startNanos, "\n(exec did not finish within " + timeout.toMillis() + " ms)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return abandon(startNanos, "\n(interrupted)");
        } catch (ExecutionException e) {
            return died(e.getCause().getMessage());
        } catch (java.io.IOException | RuntimeException e) {
            die("writing the request failed: " + e);
            return died("writing the request failed: " + e);
        }
        synchronized (this) {
            pending = null;
            answered = true;
        }
        if (ChannelFraming.NOT_FOUND.equals(request.code)) {
            return new NotFound();
        }
        return new Done(new PodExec.Outcome(Integer.parseInt(request.code), text(request.stdout), text(request.stderr),
                since(startNanos)));
    }

    /** Ends the channel: its shell gets end of input; a request in progress dies. Idempotent. */
    void close() {
        die("the channel was closed");
    }

    private synchronized Died died(String why) {
        return new Died(why, answered);
    }

    /** A request that overran (or was interrupted): what it wrote so far, exit -1, and the channel ends. */
    private Reply abandon(long startNanos, String note) {
        String stdout;
        String stderr;
        synchronized (this) {
            stdout = text(out.partial());
            stderr = text(err.partial());
        }
        close();
        return new Done(new PodExec.Outcome(-1, stdout, stderr + note, since(startNanos)));
    }

    private void die(String why) {
        ChannelTransport.Connection toClose;
        synchronized (this) {
            if (death != null) {
                return;
            }
            death = why;
            if (pending != null) {
                pending.done.completeExceptionally(new IllegalStateException(why));
            }
            toClose = connection;
        }
        if (toClose != null && Thread.holdsLock(this)) {
            CompletableFuture.runAsync(toClose::close); // not inside the transport's write: it may wait for that writer
        } else if (toClose != null) {
            toClose.close();
        }
    }

    private FrameParser.Records records(boolean stdout) {
        return new FrameParser.Records() {
            @Override
            public void begun(long id) {
                // the request's output starts; nothing to do until it ends
            }

            @Override
            public void ended(long id, String code, byte[] output) {
                Pending p = pending;
                if (p == null || p.id != id) {
                    return; // a request abandoned earlier; its channel is closed anyway
                }
                if (!ChannelFraming.NOT_FOUND.equals(code) && !code.matches("\\d{1,3}")) {
                    die("an exit code that is no number: " + code);
                    return;
                }
                if (stdout) {
                    p.stdout = output;
                    p.code = code;
                } else {
                    p.stderr = output;
                }
                if (p.stdout != null && p.stderr != null) {
                    p.done.complete(null);
                }
            }

            @Override
            public void corrupt(String why) {
                die("the channel's output is garbled: " + why);
            }
        };
    }

    /** The transport may write from any thread: the parsers and the pending request change under this channel's lock. */
    private OutputStream serialised(FrameParser parser) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (ProbeChannel.this) {
                    parser.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (ProbeChannel.this) {
                    parser.write(bytes, offset, length);
                }
            }
        };
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
