package io.k8snettest.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@link ChannelTransport} for tests: a real local shell process (no network), so the requests
 * {@link ChannelFraming} writes are run by a real {@code sh}. {@code -Dk8snet.test.shell="busybox sh"}
 * runs them with busybox's ash, the probe image's shell.
 */
final class LocalShell implements ChannelTransport {

    private static final String THREAD_PREFIX = "local-shell-";

    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();
    final List<Shell> shells = new CopyOnWriteArrayList<>();
    volatile RuntimeException refuse;
    private final List<String> shellCommand;

    /** The shell of {@code -Dk8snet.test.shell}, else {@code sh}. */
    LocalShell() {
        this(System.getProperty("k8snet.test.shell", "sh"));
    }

    /** @param shellCommand what runs as the "shell", e.g. {@code "true"} for a container whose sh ends at once */
    LocalShell(String shellCommand) {
        this.shellCommand = List.of(shellCommand.split(" "));
    }

    final class Shell implements Connection {
        final Process process;
        final AtomicBoolean closed = new AtomicBoolean();
        final List<Thread> pumps = new CopyOnWriteArrayList<>();

        Shell(Process process) {
            this.process = process;
        }

        @Override
        public void send(byte[] bytes) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write(bytes);
            in.flush();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                kill();
                for (Thread pump : pumps) {
                    try {
                        process.waitFor(10, TimeUnit.SECONDS);
                        pump.join(TimeUnit.SECONDS.toMillis(10));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }

        /** Kills the shell from outside, as a pod deletion would. */
        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // their copies of stdout would keep the readers waiting
            process.destroyForcibly();
        }
    }

    @Override
    public Connection open(String namespace, String pod, String container, OutputStream stdout, OutputStream stderr,
                           Consumer<String> died) {
        attempts.incrementAndGet();
        RuntimeException refused = refuse;
        if (refused != null) {
            throw refused;
        }
        Process process;
        try {
            process = new ProcessBuilder(shellCommand).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a local shell", e);
        }
        Shell shell = new Shell(process);
        int n = opened.incrementAndGet();
        shell.pumps.add(pump(THREAD_PREFIX + n + "-out", process.getInputStream(), stdout));
        shell.pumps.add(pump(THREAD_PREFIX + n + "-err", process.getErrorStream(), stderr));
        process.onExit().thenRun(() -> { // as the exec's status channel reports the shell's exit
            if (!shell.closed.get()) {
                died.accept("the shell exited with " + process.exitValue());
            }
        });
        shells.add(shell);
        return shell;
    }

    private static Thread pump(String name, InputStream from, OutputStream to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the process went away
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Live reader threads of the shells this transport opened. */
    long liveThreads() {
        return shells.stream().flatMap(s -> s.pumps.stream()).filter(Thread::isAlive).count();
    }

    /** Shell processes of this transport still running. */
    long liveProcesses() {
        return shells.stream().filter(s -> s.process.isAlive()).count();
    }
}
