package io.k8snettest.api;

import java.time.Duration;
import java.util.Map;

/**
 * A live NetworkPolicy test model ({@link ModelSpec}): its namespaces and pods run once per test
 * class; {@link NetTest#model} hands it to every test of the class with the spec's labels restored.
 * Policies are ordinary manifests (method-level {@link WithManifest} or {@link NetTest#applyManifest})
 * that name the model's namespaces with placeholders, e.g. {@code namespace: ${k8snet.namespace:x}}.
 *
 * <p>Pods are named {@code "<namespace>/<pod>"} ({@code "x/a"}), as upstream's truth tables do.
 */
public interface PolicyModel {

    /** The spec the model was built from. */
    ModelSpec spec();

    /** The generated name of a model namespace ({@code "x"} -> {@code <test namespace>-x}). */
    String namespace(String logicalName);

    /** The pod IP of {@code "x/a"}. */
    String podIp(String pod);

    /**
     * Replaces the labels of pod {@code "x/a"} (upstream's "updated pod" cases); the next
     * {@link NetTest#model} call restores {@code pod=<name>}.
     */
    void setPodLabels(String pod, Map<String, String> labels);

    /**
     * Replaces the user labels of model namespace {@code "x"} (the extension's ownership labels, its
     * Pod Security level and {@code kubernetes.io/metadata.name} stay); the next {@link NetTest#model} call restores {@code ns=<name>}.
     */
    void setNamespaceLabels(String logicalName, Map<String, String> labels);

    /** The expected reachability of every cell, starting with everything allowed (as upstream's {@code NewReachability(pods, true)}). */
    Expectation expect();

    /**
     * Expected reachability of the model's cells (source pod, target pod, port, protocol). Rules apply
     * in order, a later one overriding an earlier one. A peer is {@code "x/a"}, {@code "x/*"} (or
     * {@code "x"}), <code>"&#42;/a"</code> or {@code "*"}; a target peer may end in {@code ":80"} or
     * {@code ":80/udp"} to restrict the rule to that port (and protocol). A pod's traffic to itself
     * is not asserted (upstream ignores loopback too: CNIs differ there) and shows as {@code -}.
     */
    interface Expectation {

        /** Every cell allowed. */
        Expectation allowAll();

        /** Every cell denied. */
        Expectation denyAll();

        /** Cells from {@code from} to {@code to} allowed. */
        Expectation allow(String from, String to);

        /** Cells from {@code from} to {@code to} denied. */
        Expectation deny(String from, String to);

        /** How long a denied cell must stay denied (default {@value K8sNetTest#STABILITY_WINDOW_KEY}). */
        Expectation stabilityWindow(Duration window);

        /**
         * Probes every cell (one exec per source pod and round, the sources in parallel) until each
         * allowed cell was reached and each denied one stayed blocked for the stability window; fails
         * with the truth table per port and protocol, each wrong cell with its {@code kubectl exec}
         * repro, and the rounds, exec calls and time it took.
         */
        ReachabilityMatrix.Result assertMatches();
    }
}
