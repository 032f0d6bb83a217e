package io.k8snettest.plan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.WithDeployment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** A zero timeout or window in an annotation attribute is rejected before the cluster is touched, naming the attribute. */
class ZeroDurationAttributesCatalogueTest {

    @WithDeployment(name = "web", image = "nginx", port = 80)
    @ExposeService(deployment = "web")
    @ReachableFrom(service = "web", timeout = "0s")
    static class ZeroTimeout {
    }

    @WithDeployment(name = "web", image = "nginx", port = 80)
    @ExposeService(deployment = "web")
    @NotReachableFrom(service = "web", stabilityWindow = "PT0S")
    static class ZeroWindow {
    }

    @Test
    @DisplayName("bad input: @ReachableFrom(timeout = \"0s\")")
    void zeroTimeout() {
        assertThatThrownBy(() -> PlanReader.readClass(ZeroTimeout.class, PlanReaderTest.NO_SETTINGS))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@ReachableFrom(service=\"web\") on ZeroDurationAttributesCatalogueTest.ZeroTimeout: timeout is"
                        + " '0s': zero is not allowed; write a positive duration, e.g. 500ms, 30s, 2m, 1h or PT30S");
    }

    @Test
    @DisplayName("bad input: @NotReachableFrom(stabilityWindow = \"PT0S\")")
    void zeroWindow() {
        assertThatThrownBy(() -> PlanReader.readClass(ZeroWindow.class, PlanReaderTest.NO_SETTINGS))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@NotReachableFrom(service=\"web\") on ZeroDurationAttributesCatalogueTest.ZeroWindow:"
                        + " stabilityWindow is 'PT0S': zero is not allowed; write a positive duration, e.g. 500ms, 30s, 2m, 1h"
                        + " or PT30S");
    }
}
