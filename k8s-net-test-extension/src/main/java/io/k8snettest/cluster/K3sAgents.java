package io.k8snettest.cluster;

import io.k8snettest.api.K8sNetTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.MountableFile;

/**
 * The agent containers of a multi-node k3s ({@value K8sNetTest#K3S_AGENTS_KEY}): each runs {@code k3s agent}
 * from the server's image and joins the server over one Testcontainers {@link Network}, reaching it by the
 * network alias {@value #SERVER_ALIAS} with a token made for this run ({@code K3S_URL}, {@code K3S_TOKEN}).
 * With no agents nothing changes: the server keeps Docker's default network and k3s its own token.
 */
final class K3sAgents {

    /** The server's name on the network; also a TLS name of its certificate, so agents can verify it. */
    static final String SERVER_ALIAS = "k8snet-k3s-server";
    /** The port of the k3s supervisor and API server inside the server container. */
    static final int SERVER_PORT = 6443;
    /** Node (and network alias) of agent {@code i} is this prefix and {@code i}, counted from 1. */
    static final String NODE_PREFIX = "k8snet-agent-";
    /** How many lines of an agent's log a failure shows. */
    static final int LOG_TAIL_LINES = 20;

    private static final Logger LOG = LoggerFactory.getLogger(K3sAgents.class);

    private final String image;
    private final Network network;
    private final String token;
    private final List<GenericContainer<?>> agents;

    private K3sAgents(String image, Network network, String token, List<GenericContainer<?>> agents) {
        this.image = image;
        this.network = network;
        this.token = token;
        this.agents = List.copyOf(agents);
    }

    /** The agents {@code settings} ask for (none for {@code k8snet.k3s.agents=0}), created, not started. */
    static K3sAgents of(K3sSettings settings) {
        if (settings.agents() == 0) {
            return new K3sAgents("", null, "", List.of());
        }
        Network network = Network.newNetwork();
        String token = UUID.randomUUID().toString().replace("-", "");
        List<GenericContainer<?>> agents = new ArrayList<>();
        for (int i = 1; i <= settings.agents(); i++) {
            agents.add(agent(settings, i, network, token));
        }
        return new K3sAgents(settings.image().asCanonicalNameString(), network, token, agents);
    }

    /**
     * Agent {@code index}: the server's image, privileged, with {@code /run} and {@code /var/run} on tmpfs like
     * Testcontainers' {@code K3sContainer}, but in a private cgroup namespace without the host's
     * {@code /sys/fs/cgroup}: two kubelets in one cgroup tree would each remove the other's pods as orphans.
     */
    static GenericContainer<?> agent(K3sSettings settings, int index, Network network, String token) {
        String name = NODE_PREFIX + index;
        GenericContainer<?> agent = new GenericContainer<>(settings.image())
                .withCommand("agent", "--node-name=" + name)
                .withEnv("K3S_URL", "https://" + SERVER_ALIAS + ":" + SERVER_PORT)
                .withEnv("K3S_TOKEN", token)
                .withNetwork(network)
                .withNetworkAliases(name)
                .withPrivilegedMode(true)
                .withTmpFs(Map.of("/run", "", "/var/run", ""))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withCgroupnsMode("private"))
                .withStartupTimeout(settings.startupTimeout());
        settings.registries().ifPresent(p -> agent.withCopyFileToContainer(MountableFile.forHostPath(p),
                K3sSettings.REGISTRIES_PATH));
        return agent;
    }

    /** Server options the agents need: its name on the network as a TLS name, and the join token. */
    List<String> serverArgs() {
        return agents.isEmpty() ? List.of() : List.of("--tls-san=" + SERVER_ALIAS, "--token=" + token);
    }

    /** Puts the server on the agents' network under {@value #SERVER_ALIAS}; nothing without agents. */
    void joinServer(GenericContainer<?> server) {
        if (network != null) {
            server.withNetwork(network).withNetworkAliases(SERVER_ALIAS);
        }
    }

    List<GenericContainer<?>> containers() {
        return agents;
    }

    /** The node names the agents register, in order. */
    List<String> nodeNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= agents.size(); i++) {
            names.add(NODE_PREFIX + i);
        }
        return names;
    }

    /** Starts every agent after the server is up; a failure names the agent and ends with its log. */
    void start() {
        start(GenericContainer::start);
    }

    /** {@link #start()} with {@code starter} starting each container (a fake in unit tests). */
    void start(Consumer<GenericContainer<?>> starter) {
        for (int i = 0; i < agents.size(); i++) {
            GenericContainer<?> agent = agents.get(i);
            String name = nodeNames().get(i);
            LOG.info("k8s-net-test: starting k3s agent {} (joins {} on a Docker network)", name, SERVER_ALIAS);
            try {
                starter.accept(agent);
            } catch (RuntimeException e) {
                throw new ClusterException("could not start the k3s agent container " + name + " from image "
                        + image + ": " + e.getMessage() + "; " + logTail(name)
                        + "; it needs a privileged container like the server; set " + K8sNetTest.K3S_AGENTS_KEY
                        + "=0 for a single node", e);
            }
        }
    }

    /** What an agent's container said last, for a failure naming that agent's node; empty for other nodes. */
    String logTail(String nodeName) {
        int index = nodeNames().indexOf(nodeName);
        if (index < 0) {
            return "";
        }
        GenericContainer<?> agent = agents.get(index);
        String logs;
        try {
            logs = agent.getContainerId() == null ? "" : agent.getLogs();
        } catch (RuntimeException e) {
            logs = "(its log could not be read: " + e.getMessage() + ")";
        }
        return "the log of agent container " + nodeName + " ends with:\n" + tail(logs, LOG_TAIL_LINES);
    }

    /** The last {@code lines} lines of {@code text}, each indented; {@code (empty)} for none. */
    static String tail(String text, int lines) {
        List<String> all = Arrays.stream(text.split("\\R")).filter(l -> !l.isBlank()).toList();
        if (all.isEmpty()) {
            return "  (empty)";
        }
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                .map(l -> "  " + l).toList());
    }

    /**
     * Stops every agent, then the server ({@code stopServer}, which may do nothing for a reused one), then
     * removes the network, which Docker refuses while a container is still on it; each step on its own.
     */
    void stop(Runnable stopServer) {
        for (GenericContainer<?> agent : agents) {
            try {
                agent.stop();
            } catch (RuntimeException e) {
                LOG.warn("k8s-net-test: could not stop a k3s agent container: {}", e.toString());
            }
        }
        try {
            stopServer.run();
        } finally {
            if (network != null) {
                try {
                    network.close();
                } catch (RuntimeException e) {
                    LOG.warn("k8s-net-test: could not remove the k3s network: {}", e.toString());
                }
            }
        }
    }
}
