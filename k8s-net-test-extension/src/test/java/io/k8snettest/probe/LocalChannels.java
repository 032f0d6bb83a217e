package io.k8snettest.probe;

/** {@link ProbeChannels} over {@link LocalShell}s, with a {@link OneShotFake} as the one-shot exec; close after each test. */
final class LocalChannels implements AutoCloseable {

    final LocalShell transport = new LocalShell();
    final OneShotFake oneShot = new OneShotFake();
    final ProbeChannels channels = new ProbeChannels(oneShot, transport);

    @Override
    public void close() {
        channels.close();
    }
}
