package io.k8snettest.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Where one test's results go: report entries (text) and files (the pages of {@link HtmlReport}).
 * The extension hands each test its own, backed by JUnit's report entries and file publishing, so
 * concurrent tests never publish into each other.
 */
@API(status = INTERNAL, since = "0.1")
public interface Publisher {

    /** A publisher that drops everything (for code paths with no test to publish into). */
    Publisher NONE = new Publisher() {
        @Override
        public void entry(String key, String value) {
        }

        @Override
        public void html(String fileName, String html) {
        }
    };

    /** A publisher of report entries into {@code sink} that drops pages (for callers that keep only entries). */
    static Publisher entries(java.util.function.BiConsumer<String, String> sink) {
        return new Publisher() {
            @Override
            public void entry(String key, String value) {
                sink.accept(key, value);
            }

            @Override
            public void html(String fileName, String html) {
            }
        };
    }

    /** A report entry {@code key=value}. */
    void entry(String key, String value);

    /** A self-contained HTML file named {@code fileName} (ends in {@code .html}) attached to the test. */
    void html(String fileName, String html);
}
