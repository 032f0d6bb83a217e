package io.k8snettest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout README's "Architecture" section promises, checked on the main sources: arrows run one
 * way, files stay small, and every public type outside {@code api/} says it is not for users.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/io/k8snettest");

    /**
     * Rank of each package: a package imports only packages of a lower rank (feature packages of one
     * rank do not import each other). The one allowed upward arrow: {@code api} names the extension
     * class in {@code @ExtendWith}.
     */
    private static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("api", 0), Map.entry("config", 1), Map.entry("report", 1), Map.entry("plan", 2), Map.entry("cluster", 2),
            Map.entry("k8s", 3), Map.entry("image", 3), Map.entry("netpol", 3), Map.entry("probe", 4),
            Map.entry("check", 5), Map.entry("matrix", 5), Map.entry("healing", 5), Map.entry("policy", 5),
            Map.entry("model", 6), Map.entry("session", 7), Map.entry("junit", 8));
    private static final Set<String> ALLOWED_UPWARD = Set.of("api -> junit");
    /** Public types meant for users besides {@code api/}: the cluster-provider SPI. */
    private static final Set<String> SPI = Set.of("cluster/ClusterProvider.java", "cluster/ClusterHandle.java",
            "cluster/ClusterException.java", "cluster/ImageLoader.java");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.k8snettest\\.(\\w+)\\.", Pattern.MULTILINE);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^((?:@.*\\n)*)public (?:final |abstract |sealed )*(?:class|interface|record|enum|@interface) ", Pattern.MULTILINE);

    @Test
    void everyPackageHasARankInTheArchitecture() {
        List<String> unranked = packages().stream().filter(p -> !RANK.containsKey(p)).toList();
        assertThat(unranked).as("packages missing from README's Architecture section and from RANK here").isEmpty();
    }

    @Test
    void arrowsRunOneWay() {
        List<String> wrong = new ArrayList<>();
        for (Path file : sources()) {
            String from = packageOf(file);
            Matcher m = IMPORT.matcher(read(file));
            while (m.find()) {
                String to = m.group(1);
                if (to.equals(from) || !RANK.containsKey(from) || !RANK.containsKey(to)
                        || ALLOWED_UPWARD.contains(from + " -> " + to)) {
                    continue;
                }
                if (RANK.get(to) >= RANK.get(from)) {
                    wrong.add(MAIN.relativize(file) + " imports " + to + " (" + from + " may import only lower packages)");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void noMainSourceFileIsOver300Lines() {
        List<String> long_ = sources().stream().filter(f -> read(f).lines().count() > 300)
                .map(f -> MAIN.relativize(f) + ": " + read(f).lines().count() + " lines").toList();
        assertThat(long_).isEmpty();
    }

    @Test
    void publicTypesOutsideTheApiAreMarkedInternal() {
        List<String> unmarked = new ArrayList<>();
        for (Path file : sources()) {
            String rel = MAIN.relativize(file).toString();
            if (rel.startsWith("api/")) {
                continue;
            }
            Matcher m = PUBLIC_TYPE.matcher(read(file));
            if (!m.find()) {
                continue;
            }
            String expected = SPI.contains(rel) ? "@API(status = EXPERIMENTAL" : "@API(status = INTERNAL";
            if (!m.group(1).contains(expected)) {
                unmarked.add(rel + " (expected " + expected + ", ...))");
            }
        }
        assertThat(unmarked).isEmpty();
    }

    private static List<String> packages() {
        try (Stream<Path> dirs = Files.list(MAIN)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            assertThat(all).as("main sources under " + MAIN.toAbsolutePath()).isNotEmpty();
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageOf(Path file) {
        return MAIN.relativize(file).getName(0).toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
