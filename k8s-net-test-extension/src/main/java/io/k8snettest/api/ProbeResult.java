package io.k8snettest.api;

import java.time.Duration;
import java.util.List;

/**
 * What one probe did and saw. {@link #toString()} explains it: the client, the exact command, exit
 * code, duration and output, so a failed assertion says why.
 *
 * @param client     the client that probed ({@code namespace/pod})
 * @param target     what was probed, e.g. {@code http://10.96.0.12:80/}
 * @param command    the exact command run in the client's container
 * @param exitCode   the command's exit code ({@code -1} when it could not be run)
 * @param stdout     standard output (the HTTP body for HTTP probes)
 * @param stderr     standard error
 * @param httpStatus the HTTP status, or {@code -1} when none was received
 * @param success    whether the probe met its expectation
 * @param duration   how long the probe took
 */
public record ProbeResult(String client, String target, List<String> command, int exitCode, String stdout,
                          String stderr, int httpStatus, boolean success, Duration duration) {

    public ProbeResult {
        command = List.copyOf(command);
    }

    /** The command as one could paste it after {@code kubectl exec -n NS POD -- }. */
    public String commandLine() {
        return String.join(" ", command.stream().map(ProbeResult::quote).toList());
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:=@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return "probe " + (success ? "succeeded" : "failed") + " from " + client + " to " + target
                + " in " + duration.toMillis() + " ms: exit " + exitCode
                + (httpStatus >= 0 ? ", HTTP " + httpStatus : "")
                + "\n  command: " + commandLine()
                + "\n  stdout: " + abbreviate(stdout)
                + "\n  stderr: " + abbreviate(stderr);
    }

    private static String abbreviate(String s) {
        if (s == null || s.isBlank()) {
            return "(empty)";
        }
        String t = s.strip();
        return t.length() <= 600 ? t : t.substring(0, 600) + "... (" + t.length() + " chars)";
    }
}
