package io.k8snettest.report;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link Publisher} that keeps what was published: entries and files by name. */
public final class RecordingPublisher implements Publisher {

    public final Map<String, String> entries = new ConcurrentHashMap<>();
    public final Map<String, String> files = new ConcurrentHashMap<>();

    @Override
    public void entry(String key, String value) {
        entries.put(key, value);
    }

    @Override
    public void html(String fileName, String html) {
        files.put(fileName, html);
    }
}
