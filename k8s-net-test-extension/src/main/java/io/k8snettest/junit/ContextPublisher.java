package io.k8snettest.junit;

import io.k8snettest.report.Publisher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One test's {@link Publisher}: JUnit report entries and JUnit file publishing (5.12+) of the
 * context the {@code NetTest} was injected into, so they appear in the Open Test Reporting output
 * (and its directory of attached files). A second file of the same name in one test gets a number
 * ({@code k8snet-matrix-2.html}). A file that cannot be published is told at WARN: a missing
 * picture does not change a verdict.
 */
final class ContextPublisher implements Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(K8sNetTestExtension.class);
    static final MediaType HTML = MediaType.create("text", "html", StandardCharsets.UTF_8);

    private final ExtensionContext context;
    private final Set<String> names = new HashSet<>();

    ContextPublisher(ExtensionContext context) {
        this.context = context;
    }

    @Override
    public void entry(String key, String value) {
        context.publishReportEntry(key, value);
    }

    @Override
    public void html(String fileName, String html) {
        String name = unique(fileName);
        try {
            context.publishFile(name, HTML, path -> Files.writeString(path, html, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.warn("k8s-net-test: could not publish {} for {}: {}", name, context.getDisplayName(), e.toString());
        }
    }

    private synchronized String unique(String fileName) {
        String name = fileName;
        int dot = fileName.lastIndexOf('.');
        for (int n = 2; !names.add(name); n++) {
            name = fileName.substring(0, dot) + "-" + n + fileName.substring(dot);
        }
        return name;
    }
}
