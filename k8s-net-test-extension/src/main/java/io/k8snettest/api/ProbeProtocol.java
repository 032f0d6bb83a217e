package io.k8snettest.api;

/** What a probe speaks. */
public enum ProbeProtocol {
    /** An HTTP GET; checks status and optionally a body substring. */
    HTTP,
    /** A plain TCP connect. */
    TCP
}
