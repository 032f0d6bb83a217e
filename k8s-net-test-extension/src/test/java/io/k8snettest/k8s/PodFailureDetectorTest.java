package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PodFailureDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {"InvalidImageName", "CrashLoopBackOff",
            "CreateContainerConfigError", "CreateContainerError", "RunContainerError"})
    void waitingReasonsThatWillNotResolveFail(String reason) {
        Pod pod = waiting("web-1", reason, "the cluster says why");

        var failure = PodFailureDetector.detect(List.of(pod), List.of(), Set.of()).orElseThrow();

        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.describe("@WithDeployment(name=\"web\") on MyTest"))
                .startsWith("@WithDeployment(name=\"web\") on MyTest: pod web-1 container web cannot become Ready: " + reason
                        + " (the cluster says why); hint: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull"})
    void imageThatIsNeitherLoadedNorPullableFailsNamingTheImageAndHowToLoadIt(String reason) {
        Pod pod = waiting("web-1", reason, "the cluster says why");
        pod.getStatus().getContainerStatuses().get(0).setImage("team/app:dev");

        var failure = PodFailureDetector.detect(List.of(pod), List.of(), Set.of()).orElseThrow();

        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.describe("@WithDeployment(name=\"web\") on MyTest"))
                .startsWith("@WithDeployment(name=\"web\") on MyTest: pod web-1 container web (image team/app:dev) cannot"
                        + " become Ready: " + reason + " (the cluster says why); hint: ")
                .contains("load it with @LoadImage or k8snet.images", "Jib's buildTar or docker save",
                        "README \"Testing your own image\"");
    }

    @Test
    void errImagePullHintsAtTheImage() {
        var failure = PodFailureDetector.detect(waiting("web-1", "ErrImagePull", "pull access denied")).orElseThrow();

        assertThat(failure.describe("origin")).contains("the nodes could not pull it: check the image name/tag and that a"
                + " registry they reach serves it");
    }

    @Test
    void neverPullNamesThePolicy() {
        var failure = PodFailureDetector.detect(waiting("web-1", "ErrImageNeverPull", "image not present")).orElseThrow();

        assertThat(failure.describe("origin")).contains("imagePullPolicy is Never and the node does not have the image");
    }

    @Test
    void containerCreatingIsNotAFailure() {
        assertThat(PodFailureDetector.detect(waiting("web-1", "ContainerCreating", null))).isEmpty();
    }

    @Test
    void unschedulablePodFails() {
        Pod pod = new PodBuilder().withNewMetadata().withName("web-1").endMetadata().withNewStatus().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/1 nodes are available: 1 Insufficient cpu.").endCondition().endStatus().build();

        var failure = PodFailureDetector.detect(pod).orElseThrow();

        assertThat(failure.reason()).isEqualTo("Unschedulable");
        assertThat(failure.message()).contains("Insufficient cpu");
    }

    @Test
    void repeatedNonZeroExitsFailButASingleRestartDoesNot() {
        assertThat(PodFailureDetector.detect(exited("web-1", 1, 3)).orElseThrow().message())
                .isEqualTo("exited with code 1 3 times, reason Error");
        assertThat(PodFailureDetector.detect(exited("web-1", 1, 1))).isEmpty();
        assertThat(PodFailureDetector.detect(exited("web-1", 0, 5))).isEmpty();
    }

    @Test
    void failedCreateEventOfTheDeploymentsReplicaSetIsAnAdmissionRejection() {
        Event event = new EventBuilder().withReason("FailedCreate").withMessage("pods \"web-x\" is forbidden: violates PodSecurity")
                .withNewInvolvedObject().withKind("ReplicaSet").withName("web-5d4f").endInvolvedObject().build();

        assertThat(PodFailureDetector.detect(List.of(), List.of(event), Set.of("web-5d4f")).orElseThrow().describe("o"))
                .contains("ReplicaSet web-5d4f cannot become Ready: FailedCreate (pods \"web-x\" is forbidden: violates PodSecurity)");
        assertThat(PodFailureDetector.detect(List.of(), List.of(event), Set.of("other-rs"))).isEmpty();
    }

    @Test
    void replicaFailureConditionOnDeploymentOrReplicaSet() {
        Deployment healthy = new DeploymentBuilder().withNewMetadata().withName("web").endMetadata().withNewStatus().endStatus().build();
        ReplicaSet rejected = new ReplicaSetBuilder().withNewMetadata().withName("web-5d4f").endMetadata().withNewStatus()
                .addNewCondition().withType("ReplicaFailure").withStatus("True").withReason("FailedCreate")
                .withMessage("exceeded quota").endCondition().endStatus().build();

        var failure = PodFailureDetector.detectReplicaFailure(healthy, List.of(rejected)).orElseThrow();

        assertThat(failure.object()).isEqualTo("replicaset web-5d4f");
        assertThat(failure.message()).isEqualTo("exceeded quota");
        assertThat(PodFailureDetector.detectReplicaFailure(healthy, List.of())).isEmpty();
    }

    static Pod waiting(String name, String reason, String message) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().withPhase("Pending")
                .withContainerStatuses(new ContainerStatusBuilder().withName("web").withRestartCount(0).withReady(false)
                        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState().build())
                .endStatus().build();
    }

    private static Pod exited(String name, int exitCode, int restarts) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().withPhase("Running")
                .withContainerStatuses(new ContainerStatusBuilder().withName("web").withRestartCount(restarts).withReady(false)
                        .withNewState().withNewRunning().endRunning().endState()
                        .withNewLastState().withNewTerminated().withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error")
                        .endTerminated().endLastState().build())
                .endStatus().build();
    }
}
