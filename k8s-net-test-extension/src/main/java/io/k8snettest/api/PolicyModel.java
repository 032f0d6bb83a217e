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
     * The expected reachability computed from the NetworkPolicies instead of written by hand: reads the
     * Namespaces, Pods and NetworkPolicies of the model's namespaces and the test namespace from the
     * cluster now, and decides every cell with {@code networking.k8s.io/v1} semantics, keeping the
     * reason of each (which policies select the target and the source, which rule and peer admit the
     * cell, or that none does). A pod's traffic to itself stays unasserted, as in {@link #expect()}.
     *
     * @throws IllegalArgumentException naming the object, field and fix when the policies cannot be
     *                                  computed (e.g. an AdminNetworkPolicy in the cluster, or a policy field the engine does not know)
     */
    ComputedExpectation expectFromPolicies();

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

    /** An expectation computed from the policies in force ({@link #expectFromPolicies()}). */
    interface ComputedExpectation {

        /** How long a denied cell must stay denied (default {@value K8sNetTest#STABILITY_WINDOW_KEY}). */
        ComputedExpectation stabilityWindow(Duration window);

        /**
         * Asserts that the computed table equals a hand-written one, without probing: on a difference
         * fails with each differing cell (loopback cells aside), both verdicts and the engine's reason.
         */
        ComputedExpectation assertSameAs(Expectation handWritten);

        /** The engine's verdict and reason for one cell, e.g. {@code ("y/b", "x/a", 80, TCP)}. */
        String explain(String from, String to, int port, TransportProtocol protocol);

        /**
         * Probes every cell as {@link Expectation#assertMatches()} does (same rounds, same stability
         * window); a mismatch means the CNI disagrees with the NetworkPolicy API, and the failure says so,
         * giving for each wrong cell the expected verdict with the engine's reason, the observed
         * outcome and the {@code kubectl exec} repro.
         */
        ReachabilityMatrix.Result assertMatches();
    }
}
