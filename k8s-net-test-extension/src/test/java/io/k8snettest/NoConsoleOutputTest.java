package io.k8snettest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The library talks through SLF4J only: no main source prints to the console itself. */
class NoConsoleOutputTest {

    private static final Pattern CONSOLE = Pattern.compile("System\\.(out|err)\\b|\\.printStackTrace\\(\\s*\\)");

    @Test
    void noMainSourcePrintsToSystemOutOrErr() throws IOException {
        Path main = Path.of("src", "main", "java");
        List<String> offenders;
        long sources;
        try (Stream<Path> files = Files.walk(main)) {
            List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
            sources = java.size();
            offenders = java.stream().flatMap(NoConsoleOutputTest::consoleLines).toList();
        }
        assertThat(sources).as("main sources scanned").isGreaterThan(50);
        assertThat(offenders).as("lines that print to the console instead of logging through SLF4J").isEmpty();
    }

    private static Stream<String> consoleLines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return java.util.stream.IntStream.range(0, lines.size())
                    .filter(i -> CONSOLE.matcher(lines.get(i)).find())
                    .mapToObj(i -> file + ":" + (i + 1) + ": " + lines.get(i).strip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
