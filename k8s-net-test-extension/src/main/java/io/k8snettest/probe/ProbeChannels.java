package io.k8snettest.probe;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The probe channels of one session: up to {@link #MAX_PER_TARGET} long-lived shells per container
 * ({@link ProbeChannel}), each used by one probe at a time, so probes of the same client from several
 * threads (matrix rounds, healing) never share a stream; a probe that finds them all busy runs the
 * one-shot way. Every outcome is the one a one-shot {@link PodExec} would give:
 * <ul>
 *   <li>a channel that dies before its answer (pod deleted or restarted, exec closed, API server
 *       restarted) is dropped, and the command runs once more through a one-shot exec, which reports
 *       a gone pod exactly as before; the next probe opens a new channel;</li>
 *   <li>a command that overruns its timeout answers exit -1 with the same note, and its channel is dropped;</li>
 *   <li>a program that is not in the container runs through a one-shot exec, and so does a command that
 *       no shell line can carry (empty, or an argument with a NUL);</li>
 *   <li>a container where {@value #FAILED_STARTS} channels in a row could not be opened or died before
 *       answering anything (an image without {@code sh}, an API server restarting) is probed the one-shot
 *       way for {@link #RETRY_AFTER}, then a channel is tried again.</li>
 * </ul>
 * {@link #close} ends every channel; probes after it run the one-shot way.
 */
final class ProbeChannels implements CommandRunner {

    /** Channels per container at most: as many probes of one client run side by side without waiting. */
    static final int MAX_PER_TARGET = 4;
    /** Channels in a row that died before any answer, after which a container is probed the one-shot way. */
    static final int FAILED_STARTS = 2;
    /** How long a container whose channels failed to start is probed the one-shot way before the next try. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(ProbeChannels.class.getName());

    private static final class Target {
        final Deque<ProbeChannel> idle = new ArrayDeque<>();
        final Set<ProbeChannel> all = new HashSet<>();
        int opening;
        int failedStarts;
        long oneShotUntil;
    }

    private final CommandRunner oneShot;
    private final ChannelTransport transport;
    private final Duration retryAfter;
    private final Map<String, Target> targets = new HashMap<>();
    private boolean closed;

    /** @param transport opens the channels; {@code null}: none, every command runs the one-shot way */
    ProbeChannels(CommandRunner oneShot, ChannelTransport transport) {
        this(oneShot, transport, RETRY_AFTER);
    }

    /** @param retryAfter how long a container whose channels failed to start is probed the one-shot way */
    ProbeChannels(CommandRunner oneShot, ChannelTransport transport, Duration retryAfter) {
        this.oneShot = oneShot;
        this.transport = transport;
        this.retryAfter = retryAfter;
    }

    @Override
    public PodExec.Outcome run(String namespace, String pod, String container, List<String> command, Duration timeout) {
        long start = System.nanoTime();
        String key = namespace + "/" + pod + "/" + container;
        ProbeChannel channel = transport == null || !ChannelFraming.fits(command) ? null : acquire(key, namespace, pod, container);
        if (channel == null) {
            return oneShot.run(namespace, pod, container, command, timeout);
        }
        ProbeChannel.Reply reply = channel.run(command, timeout, start);
        release(key, channel, reply);
        if (reply instanceof ProbeChannel.Done done) {
            return done.outcome();
        }
        if (reply instanceof ProbeChannel.Died died) {
            LOG.log(System.Logger.Level.DEBUG, () -> "probe channel to " + key + " died (" + died.why()
                    + "); running " + command + " through a one-shot exec");
        }
        return oneShot.run(namespace, pod, container, command, timeout);
    }

    @Override
    public boolean isRunning(String namespace, String pod) {
        return oneShot.isRunning(namespace, pod);
    }

    /** Channels open now, over all containers (for tests and diagnostics). */
    synchronized int openChannels() {
        return targets.values().stream().mapToInt(t -> t.all.size()).sum();
    }

    /** Ends every channel; later probes run the one-shot way. Idempotent. */
    void close() {
        List<ProbeChannel> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            targets.values().forEach(t -> all.addAll(t.all));
            targets.clear();
        }
        all.forEach(ProbeChannel::close);
    }

    /** An idle channel, a new one, or {@code null}: run the one-shot way. */
    private ProbeChannel acquire(String key, String namespace, String pod, String container) {
        Target target;
        synchronized (this) {
            if (closed) {
                return null;
            }
            target = targets.computeIfAbsent(key, k -> new Target());
            if (target.failedStarts >= FAILED_STARTS) {
                if (System.nanoTime() - target.oneShotUntil < 0) {
                    return null;
                }
                target.failedStarts = FAILED_STARTS - 1; // one more try; it failing sends the container back to one-shot
            }
            while (!target.idle.isEmpty()) {
                ProbeChannel idle = target.idle.pop();
                if (idle.alive()) {
                    return idle;
                }
                target.all.remove(idle);
            }
            if (target.all.size() + target.opening >= MAX_PER_TARGET) {
                return null;
            }
            target.opening++;
        }
        ProbeChannel opened = null;
        try {
            opened = new ProbeChannel(transport, namespace, pod, container); // the exec's upgrade, outside the lock
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "cannot open a probe channel to " + key + ": " + e);
        }
        synchronized (this) {
            target.opening--;
            if (opened == null) {
                failedStart(key, target);
            } else if (closed) {
                opened.close();
                return null;
            } else {
                target.all.add(opened);
            }
        }
        return opened;
    }

    private synchronized void release(String key, ProbeChannel channel, ProbeChannel.Reply reply) {
        Target target = targets.get(key);
        boolean usable = !(reply instanceof ProbeChannel.Died) && channel.alive() && !closed && target != null;
        if (usable) {
            target.failedStarts = 0;
            target.idle.push(channel);
            return;
        }
        channel.close();
        if (target != null) {
            target.all.remove(channel);
            if (reply instanceof ProbeChannel.Died died && !died.everAnswered()) {
                failedStart(key, target);
            }
        }
    }

    private void failedStart(String key, Target target) {
        if (++target.failedStarts == FAILED_STARTS) {
            target.oneShotUntil = System.nanoTime() + retryAfter.toNanos();
            LOG.log(System.Logger.Level.DEBUG, () -> "k8s-net-test: " + FAILED_STARTS + " probe channels to " + key
                    + " in a row could not start (no sh in the container? the API server restarting?); probing it with one"
                    + " exec per probe for " + retryAfter.toSeconds() + " s");
        }
    }
}
