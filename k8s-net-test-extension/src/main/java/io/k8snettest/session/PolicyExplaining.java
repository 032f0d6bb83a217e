package io.k8snettest.session;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.PolicyExplanation;
import io.k8snettest.k8s.PolicyObjects;
import io.k8snettest.netpol.Cell;
import io.k8snettest.netpol.Endpoint;
import io.k8snettest.netpol.PolicyModel;
import io.k8snettest.netpol.Protocol;
import io.k8snettest.netpol.Verdict;
import java.util.LinkedHashSet;
import java.util.Set;

/** {@code NetTest.explainPolicy}: reads the two ends' namespaces from the cluster and asks the policy engine. */
final class PolicyExplaining {

    private PolicyExplaining() {
    }

    static PolicyExplanation explain(KubernetesClient client, String testNamespace, String source, String target, int port,
                                     String protocol) {
        String origin = "NetTest.explainPolicy(\"" + source + "\", \"" + target + "\", " + port + ", \"" + protocol + "\")";
        Protocol parsed = Protocol.of(protocol, origin);
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add(testNamespace);
        namespaces.add(namespaceOf(source, testNamespace));
        namespaces.add(namespaceOf(target, testNamespace));
        PolicyModel model = PolicyModel.of(PolicyObjects.read(client, namespaces));
        Endpoint from = model.endpoint(source, testNamespace, origin);
        Endpoint to = model.endpoint(target, testNamespace, origin);
        Verdict verdict = model.engine().explain(new Cell(from, to, port, parsed));
        return new PolicyExplanation(from.display(), to.display(), port, parsed.name(), verdict.allowed(), verdict.reason());
    }

    private static String namespaceOf(String ref, String testNamespace) {
        return ref.contains("/") ? ref.substring(0, ref.indexOf('/')) : testNamespace;
    }
}
