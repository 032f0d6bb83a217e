package io.k8snettest.k8s;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the test's SLF4J binding (slf4j-simple, which writes to the current {@code System.err})
 * printed while an action ran: the lines a user sees in the build's console.
 */
public final class StandardErrorCapture {

    private StandardErrorCapture() {
    }

    /** Runs {@code action} with {@code System.err} captured and returns what was printed (the output is also passed through). */
    public static synchronized String during(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
