package io.k8snettest.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.K8sNetTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * Loads images into an existing cluster with the command of {@value K8sNetTest#IMAGES_LOAD_COMMAND_KEY},
 * run on this machine without a shell: words separated by spaces, {@value #ARCHIVE} replaced by the
 * tarball's path (appended as the last word when absent). For example
 * {@code kind load image-archive {archive} --name kind}, or for a containerd node on this machine
 * {@code ctr --address /run/containerd/containerd.sock -n k8s.io images import {archive}}.
 */
@API(status = INTERNAL, since = "0.1")
public final class CommandImageLoader implements ImageLoader {

    /** The placeholder for the tarball's path. */
    public static final String ARCHIVE = "{archive}";
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int OUTPUT_TAIL = 2000;

    private final String commandLine;
    private final String source;
    private final Duration timeout;

    /**
     * @param commandLine the setting's value
     * @param source      where it came from, for messages (e.g. {@code environment variable K8SNET_IMAGES_LOAD_COMMAND})
     */
    public CommandImageLoader(String commandLine, String source) {
        this(commandLine, source, TIMEOUT);
    }

    CommandImageLoader(String commandLine, String source, Duration timeout) {
        this.commandLine = commandLine.strip();
        this.source = source;
        this.timeout = timeout;
    }

    /** The words to run for {@code archive}. */
    List<String> command(Path archive) {
        List<String> words = new ArrayList<>(Arrays.asList(commandLine.split("\\s+")));
        String path = archive.toAbsolutePath().toString();
        if (words.stream().noneMatch(w -> w.contains(ARCHIVE))) {
            words.add(path);
        }
        words.replaceAll(w -> w.replace(ARCHIVE, path));
        return words;
    }

    @Override
    public String description() {
        return "the command '" + commandLine + "' of " + source;
    }

    @Override
    public void load(Path archive, List<String> names) {
        List<String> command = command(archive);
        String what = "loading " + String.join(", ", names) + " from " + archive.toAbsolutePath() + " with " + description();
        Path output = null;
        try {
            output = Files.createTempFile("k8snet-image-load", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ClusterException(what + " did not finish within " + io.k8snettest.config.Durations.format(timeout) + "; output: "
                        + tail(output) + "; run the command by hand to see why");
            }
            if (process.exitValue() != 0) {
                throw new ClusterException(what + " failed with exit code " + process.exitValue() + ": " + tail(output)
                        + "; fix " + source + " (run it by hand with the tarball to check)");
            }
        } catch (IOException e) {
            throw new ClusterException(what + " could not start '" + command.get(0) + "': " + e.getMessage()
                    + "; fix " + source + " (the program must be on PATH or named by its full path)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(what + " was interrupted", e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static String tail(Path output) {
        try {
            String text = Files.readString(output, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(no output)" : text.substring(Math.max(0, text.length() - OUTPUT_TAIL));
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary log file; nothing depends on it
            }
        }
    }
}
