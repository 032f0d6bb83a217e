package io.k8snettest.probe;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The one-shot exec as a fake: records what it ran and answers {@code one-shot: <command>}, or what it was told to. */
final class OneShotFake implements CommandRunner {

    final List<List<String>> ran = new CopyOnWriteArrayList<>();
    volatile PodExec.Outcome answer;
    volatile boolean running = true;

    @Override
    public PodExec.Outcome run(String namespace, String pod, String container, List<String> command, Duration timeout) {
        ran.add(command);
        PodExec.Outcome fixed = answer;
        return fixed != null ? fixed : new PodExec.Outcome(0, "one-shot: " + String.join(" ", command), "", Duration.ofMillis(150));
    }

    @Override
    public boolean isRunning(String namespace, String pod) {
        return running;
    }
}
