package io.k8snettest.examples.policy;

import java.time.Duration;

/** What the NetworkPolicy examples share. */
final class PolicyExamples {

    static final String WELCOME_TITLE = "<title>Welcome to nginx!</title>";
    static final String NGINX = "nginx:1.22.1";
    /** Short enough for a quick suite, long enough for several probes of one blocked connection. */
    static final String WINDOW = "5s";
    static final Duration WINDOW_DURATION = Duration.ofSeconds(5);

    private PolicyExamples() {
    }
}
