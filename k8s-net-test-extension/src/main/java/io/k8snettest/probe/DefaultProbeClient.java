package io.k8snettest.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.DnsResolution;
import io.k8snettest.api.ProbeClient;
import io.k8snettest.api.ProbeResult;
import io.k8snettest.plan.Misuse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/** A client pod probing by exec (through its session's {@link ProbeChannels} when it has them); one per identity, reused. */
@API(status = INTERNAL, since = "0.1")
public final class DefaultProbeClient implements ProbeClient {

    /** The tools' own timeout per probe; exec gets this plus {@link #EXEC_SLACK}. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration EXEC_SLACK = Duration.ofSeconds(10);

    private final CommandRunner exec;
    private final String namespace;
    private final String pod;
    private final String container;
    private final Supplier<String> podIp;
    private final Supplier<String> diagnostics;
    private final Runnable policyGate;
    private final Runnable recreate;
    private String clusterDomain;

    /** @param policyGate run before a negative check: throws unless the cluster enforces NetworkPolicy */
    DefaultProbeClient(CommandRunner exec, String namespace, String pod, String container, Supplier<String> podIp,
                       Supplier<String> diagnostics, Runnable policyGate) {
        this(exec, namespace, pod, container, podIp, diagnostics, policyGate, null);
    }

    /**
     * @param recreate creates the pod again (and waits until it is ready) when it was deleted under the
     *                 client; {@code null}: a pod we do not own, never recreated (a probe then fails naming it)
     */
    DefaultProbeClient(CommandRunner exec, String namespace, String pod, String container, Supplier<String> podIp,
                       Supplier<String> diagnostics, Runnable policyGate, Runnable recreate) {
        this.recreate = recreate;
        this.exec = exec;
        this.namespace = namespace;
        this.pod = pod;
        this.container = container;
        this.podIp = podIp;
        this.diagnostics = diagnostics;
        this.policyGate = policyGate;
    }

    /** A client of a probe pod ({@link ProbePods}) that exists already, with neither diagnostics nor a policy gate. */
    public static DefaultProbeClient ofProbePod(KubernetesClient client, String namespace, String pod) {
        return new DefaultProbeClient(new PodExec(client), namespace, pod, ProbePods.CONTAINER, () -> null, () -> "", () -> { });
    }

    @Override
    public String name() {
        return pod;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    /** The container that runs the probes ({@code null}: the pod's default). */
    public String container() {
        return container;
    }

    @Override
    public String podIp() {
        return podIp.get();
    }

    @Override
    public ProbeResult http(String host, int port, String path) {
        return http(host, port, path, 200, "");
    }

    /** An HTTP GET that succeeds with {@code expectStatus} and a body containing {@code expectBody}. */
    public ProbeResult http(String host, int port, String path, int expectStatus, String expectBody) {
        return http(host, port, path, (status, body) -> ProbeCommands.httpMatches(status, body, expectStatus, expectBody));
    }

    /**
     * An HTTP GET that succeeds on any answer: a 404 or 500 still means the packets got through. For
     * negative checks and positive controls, as the matrix script counts HTTP.
     */
    public ProbeResult httpAnswered(String host, int port, String path) {
        return http(host, port, path, (status, body) -> status >= 0);
    }

    private ProbeResult http(String host, int port, String path, java.util.function.BiPredicate<Integer, String> success) {
        List<String> command = ProbeCommands.http(host, port, path, ProbeCommands.seconds(PROBE_TIMEOUT));
        PodExec.Outcome o = run(command);
        int status = ProbeCommands.httpStatus(o.stderr());
        return result(ProbeCommands.url(host, port, path), command, o, status, success.test(status, o.stdout()));
    }

    @Override
    public ProbeResult tcp(String host, int port) {
        List<String> command = ProbeCommands.tcp(host, port, ProbeCommands.seconds(PROBE_TIMEOUT));
        PodExec.Outcome o = run(command);
        return result(ProbeCommands.tcpTarget(host, port), command, o, -1, o.exitCode() == 0);
    }

    @Override
    public DnsResolution resolve(String dnsName) {
        if (dnsName == null || dnsName.isBlank() || dnsName.chars().anyMatch(Character::isWhitespace) || dnsName.startsWith("-")) {
            throw Misuse.argument("ProbeClient.resolve", "'" + dnsName + "' is not a DNS name", "pass a name such as"
                    + " <service>.<namespace>.svc.cluster.local (no whitespace, not starting with '-')");
        }
        List<String> command = ProbeCommands.nslookup(dnsName, ProbeCommands.seconds(PROBE_TIMEOUT));
        PodExec.Outcome o = run(command);
        List<String> addresses = NslookupOutput.addresses(o.stdout());
        return new DnsResolution(dnsName, addresses, result("dns:" + dnsName, command, o, -1, !addresses.isEmpty()));
    }

    @Override
    public DnsResolution awaitResolution(String dnsName, Collection<String> expectedAddresses, Duration timeout) {
        Set<String> expected = Set.copyOf(expectedAddresses);
        AtomicReference<DnsResolution> last = new AtomicReference<>();
        retry(dnsName + " resolves to " + new TreeSet<>(expected) + " from " + this, timeout, () -> {
            DnsResolution r = resolve(dnsName);
            last.set(r);
            boolean exact = Set.copyOf(r.addresses()).equals(expected);
            ProbeResult l = r.lookup();
            return new ProbeResult(l.client(), l.target() + " -> " + r.addresses(), l.command(), l.exitCode(), l.stdout(),
                    l.stderr(), -1, exact, l.duration());
        });
        return last.get();
    }

    /**
     * The cluster's DNS domain as this pod's resolver knows it (its {@code /etc/resolv.conf} search
     * list, see {@link ClusterDomains}), read once.
     *
     * @throws IllegalStateException when the file cannot be read or names no domain
     */
    public synchronized String clusterDomain() {
        if (clusterDomain == null) {
            PodExec.Outcome o = run(List.of("cat", "/etc/resolv.conf"));
            if (o.exitCode() != 0) {
                throw new IllegalStateException("k8s-net-test: cannot read /etc/resolv.conf of pod " + this
                        + " to learn the cluster's DNS domain: exit " + o.exitCode() + ", " + o.stderr().strip());
            }
            clusterDomain = ClusterDomains.require(o.stdout(), namespace, toString());
        }
        return clusterDomain;
    }

    @Override
    public ProbeResult exec(String... command) {
        PodExec.Outcome o = run(List.of(command));
        return result("exec", List.of(command), o, -1, o.exitCode() == 0);
    }

    @Override
    public ProbeResult awaitHttp(String host, int port, String path, int expectStatus, String expectBody, Duration timeout) {
        return retry(ProbeCommands.url(host, port, path) + " answers " + expectStatus
                        + (expectBody == null || expectBody.isEmpty() ? "" : " with '" + expectBody + "'") + " from " + this,
                timeout, () -> http(host, port, path, expectStatus, expectBody));
    }

    @Override
    public ProbeResult awaitTcp(String host, int port, Duration timeout) {
        return retry(host + ":" + port + " accepts TCP from " + this, timeout, () -> tcp(host, port));
    }

    @Override
    public ProbeResult awaitTcpBlocked(String host, int port, Duration timeout) {
        policyGate.run();
        return Probing.untilBlocked(host + ":" + port + " blocked from " + this, timeout, () -> tcp(host, port), diagnostics);
    }

    @Override
    public ProbeResult assertTcpBlockedFor(String host, int port, Duration window) {
        policyGate.run();
        return Probing.holdsFor(host + ":" + port + " blocked from " + this, window, () -> tcp(host, port), diagnostics);
    }

    private ProbeResult retry(String alias, Duration timeout, Supplier<ProbeResult> probe) {
        return Probing.untilSuccess(alias, timeout, probe, diagnostics);
    }

    /**
     * Runs a command in the client pod. A pod deleted under the client (by someone else, between two
     * probes) would make every probe "fail" and pass for blocked: a probe pod of ours is created again
     * and the command runs in the new one; any other pod fails the probe with an exception naming it.
     * The pod is checked after every command, not only after a failed exec: a pod deleted with grace
     * period 0 leaves the API at once while its container, and a probe channel's shell in it, can go on
     * answering for a moment (a soak run saw a probe succeed after the deletion); what it saw is no verdict.
     */
    private PodExec.Outcome run(List<String> command) {
        PodExec.Outcome outcome = exec.run(namespace, pod, container, command, PROBE_TIMEOUT.plus(EXEC_SLACK));
        if (exec.isRunning(namespace, pod)) {
            return outcome;
        }
        if (recreate == null) {
            String saw = outcome.exitCode() == -1 ? outcome.stderr().strip() : "it answered with exit " + outcome.exitCode()
                    + " after the pod had left the API: not a verdict";
            throw new IllegalStateException("k8s-net-test: the client pod " + this + " is gone or terminating, so "
                    + command + " could not run in it (" + saw + "). It was deleted during the test;"
                    + " the extension does not recreate pods it did not create: keep it alive while it probes, or probe"
                    + " from a probe client (NetTest.client), which is recreated when deleted");
        }
        recreate.run();
        return exec.run(namespace, pod, container, command, PROBE_TIMEOUT.plus(EXEC_SLACK));
    }

    private ProbeResult result(String target, List<String> command, PodExec.Outcome o, int status, boolean success) {
        return new ProbeResult(namespace + "/" + pod, target, command, o.exitCode(), o.stdout(), o.stderr(), status,
                success, o.duration());
    }

    @Override
    public String toString() {
        return namespace + "/" + pod;
    }
}
