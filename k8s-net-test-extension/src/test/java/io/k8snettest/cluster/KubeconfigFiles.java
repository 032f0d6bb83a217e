package io.k8snettest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Writes small kubeconfig files for the tests. */
final class KubeconfigFiles {

    private KubeconfigFiles() {
    }

    static Path write(Path dir, String name, String yaml) {
        try {
            return Files.writeString(dir.resolve(name), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One cluster {@code cluster}, user {@code user} and the given contexts (each to that cluster and user). */
    static String single(String server, String currentContext, String... contexts) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\n");
        if (currentContext != null) {
            yaml.append("current-context: ").append(currentContext).append('\n');
        }
        yaml.append("clusters:\n- name: cluster\n  cluster:\n    server: ").append(server)
                .append("\n    insecure-skip-tls-verify: true\n");
        yaml.append("users:\n- name: alice\n  user:\n    token: secret-token\n");
        yaml.append("contexts:\n");
        for (String context : contexts) {
            yaml.append("- name: ").append(context).append("\n  context:\n    cluster: cluster\n    user: alice\n");
        }
        return yaml.toString();
    }

    /** A cluster at {@code server} whose trust is exactly {@code caPem}. */
    static String trusting(String server, String caPem) {
        return "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: cluster\n  cluster:\n    server: " + server
                + "\n    certificate-authority-data: " + Base64.getEncoder().encodeToString(caPem.getBytes())
                + "\nusers:\n- name: alice\n  user:\n    token: secret-token\ncontexts:\n- name: c\n  context:\n"
                + "    cluster: cluster\n    user: alice\n";
    }
}
