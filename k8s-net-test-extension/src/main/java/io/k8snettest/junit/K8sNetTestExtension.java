package io.k8snettest.junit;

import org.junit.jupiter.api.extension.Extension;

/** Placeholder while the skeleton is assembled; the lifecycle lands in the next commit. */
public final class K8sNetTestExtension implements Extension {
}
