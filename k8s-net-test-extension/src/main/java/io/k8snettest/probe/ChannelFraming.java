package io.k8snettest.probe;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The wire format of a {@link ProbeChannel}: what is written to the long-lived shell's stdin for one
 * command, and the tokens it writes back on stdout and stderr around the command's own output. Pure.
 *
 * <p>A request is one shell line. It prints a begin token on both streams, runs the command with
 * {@code ( exec "$@" ) </dev/null} (argv exactly as given, no shell interpretation, stdin never the
 * channel's), then an end token with the exit code on both streams. A token is
 * {@code \n<marker> <id> B\n} or {@code \n<marker> <id> E <code>\n}; the command's output is every byte
 * between the begin token and the next {@code \n<marker> } (the newline before the marker belongs to the
 * token, so output without a trailing newline stays exact). The marker is 128 random bits per channel,
 * written only by the shell's builtin {@code printf} (no process ever carries it in its argv), so a
 * command cannot print it by chance. A program that is not there (per {@code command -v}) answers the
 * code {@value #NOT_FOUND}: the caller then runs it the one-shot way, which reports it as exec always did.
 */
final class ChannelFraming {

    /** The end token's code when the program to run was not found in the container. */
    static final String NOT_FOUND = "n";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ChannelFraming() {
    }

    /** A fresh marker: letters, digits and one dash, never a newline, a quote or a {@code %}. */
    static String newMarker() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "k8snet-" + HexFormat.of().formatHex(bytes);
    }

    /** The bytes that precede every token on both streams: a newline, the marker and a blank. */
    static byte[] tokenPrefix(String marker) {
        return ("\n" + marker + " ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether a channel can run {@code command}: not empty, and no argument with a NUL (no shell word can hold one). */
    static boolean fits(List<String> command) {
        return !command.isEmpty() && command.stream().noneMatch(a -> a.indexOf('\0') >= 0);
    }

    /** The shell line (ending in a newline) that runs {@code command} as request {@code id}. */
    static byte[] request(String marker, long id, List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("an empty command has nothing to run");
        }
        StringBuilder line = new StringBuilder("set --");
        for (String argument : command) {
            line.append(' ').append(quote(argument));
        }
        String token = marker + " " + id;
        line.append("; printf '\\n").append(token).append(" B\\n'; printf '\\n").append(token).append(" B\\n' >&2")
                .append("; if command -v \"$1\" >/dev/null 2>&1; then ( exec \"$@\" ) </dev/null; c=$?; else c=")
                .append(NOT_FOUND).append("; fi")
                .append("; printf '\\n").append(token).append(" E %s\\n' \"$c\"")
                .append("; printf '\\n").append(token).append(" E %s\\n' \"$c\" >&2\n");
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One argument as a single-quoted shell word: any text, newlines included, stays one literal argument. */
    static String quote(String argument) {
        if (argument.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a command argument cannot contain a NUL character: " + argument);
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
