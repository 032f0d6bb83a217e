package io.k8snettest.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The API server's refusal to create in a namespace that is being deleted, as Kubernetes v1.34 words it. */
class NamespaceTerminatingTest {

    private static KubernetesClientException forbidden(String message, String causeReason) {
        Status status = new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(message)
                .withNewDetails().withName("probe").withKind("pods").addNewCause().withReason(causeReason)
                .withMessage("namespace k8snet-x-ab12c is being terminated").withField("metadata.namespace").endCause()
                .endDetails().build();
        return new KubernetesClientException(status);
    }

    @Test
    @DisplayName("bad input: namespace deleted mid-test names the namespace, the server's reason and who may have deleted it")
    void namespaceDeletedUnderTheTest() {
        KubernetesClientException e = forbidden("pods \"probe\" is forbidden: unable to create new content in namespace"
                + " k8snet-x-ab12c because it is being terminated", "NamespaceTerminating");

        assertThat(Rejections.namespaceTerminating(e)).isTrue();
        assertThat(Rejections.namespaceTerminating("probe client pod probe", "k8snet-x-ab12c", e)).hasMessageStartingWith(
                "cannot create probe client pod probe in namespace k8snet-x-ab12c: HTTP 403 Forbidden: pods \"probe\" is forbidden:"
                        + " unable to create new content in namespace k8snet-x-ab12c because it is being terminated")
                .hasMessageContaining("; the namespace is being deleted: something outside this test deleted it")
                .hasMessageContaining("app.kubernetes.io/managed-by=k8s-net-test");
    }

    @Test
    void anotherForbiddenIsNotATerminatingNamespace() {
        assertThat(Rejections.namespaceTerminating(forbidden("pods is forbidden: User \"dev\" cannot create resource \"pods\"",
                "FieldValueForbidden"))).isFalse();
    }
}
