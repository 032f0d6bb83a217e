package io.k8snettest.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.config.Settings;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.MountableFile;

/**
 * The multi-node k3s configuration without Docker: what each agent container and the server are created with
 * (Testcontainers only talks to Docker on start, so the configured objects can be inspected here).
 */
class K3sAgentsTest {

    @TempDir
    Path dir;

    private static K3sSettings settings(Map<String, String> values) {
        return K3sSettings.from(new Settings(key -> Optional.ofNullable(values.get(key)), name -> null));
    }

    /** The host configuration the container's create-command modifiers leave, applied to an empty one. */
    private static HostConfig hostConfig(GenericContainer<?> container) {
        HostConfig hostConfig = HostConfig.newHostConfig();
        CreateContainerCmd cmd = (CreateContainerCmd) Proxy.newProxyInstance(CreateContainerCmd.class.getClassLoader(),
                new Class<?>[] {CreateContainerCmd.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHostConfig" -> hostConfig;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> method.getReturnType().isInstance(proxy) ? proxy : null;
                });
        container.getCreateContainerCmdModifiers().forEach(m -> m.modify(cmd));
        return hostConfig;
    }

    @Test
    void noAgentsChangeNothing() {
        K3sAgents agents = K3sAgents.of(settings(Map.of()));
        GenericContainer<?> server = new GenericContainer<>(K3sSettings.from(new Settings(k -> Optional.empty(), n -> null))
                .image());
        List<String> aliasesBefore = List.copyOf(server.getNetworkAliases());

        agents.joinServer(server);

        assertThat(agents.containers()).isEmpty();
        assertThat(agents.nodeNames()).isEmpty();
        assertThat(agents.serverArgs()).isEmpty();
        assertThat(server.getNetwork()).isNull();
        assertThat(server.getNetworkAliases()).isEqualTo(aliasesBefore);
        List<String> stopped = new ArrayList<>();
        agents.stop(() -> stopped.add("server"));
        assertThat(stopped).containsExactly("server");
    }

    @Test
    void eachAgentJoinsTheServerByItsAliasWithTheRunsToken() {
        K3sSettings k = settings(Map.of(K8sNetTest.K3S_AGENTS_KEY, "2", K8sNetTest.K3S_STARTUP_TIMEOUT_KEY, "4m"));
        K3sAgents agents = K3sAgents.of(k);

        assertThat(agents.nodeNames()).containsExactly("k8snet-agent-1", "k8snet-agent-2");
        assertThat(agents.containers()).hasSize(2);
        List<String> serverArgs = agents.serverArgs();
        assertThat(serverArgs).hasSize(2);
        assertThat(serverArgs.get(0)).isEqualTo("--tls-san=k8snet-k3s-server");
        assertThat(serverArgs.get(1)).matches("--token=[0-9a-f]{32}");
        String token = serverArgs.get(1).substring("--token=".length());
        Network network = agents.containers().get(0).getNetwork();
        assertThat(network).isNotNull();

        for (int i = 0; i < 2; i++) {
            GenericContainer<?> agent = agents.containers().get(i);
            String name = "k8snet-agent-" + (i + 1);
            // getDockerImageName() would ask Docker; the image the container is created from, unresolved:
            assertThat(agent.getImage().toString()).contains("imageName=rancher/k3s:v1.34.12-k3s1,");
            assertThat(agent.getCommandParts()).containsExactly("agent", "--node-name=" + name);
            assertThat(agent.getEnvMap()).containsEntry("K3S_URL", "https://k8snet-k3s-server:6443")
                    .containsEntry("K3S_TOKEN", token);
            assertThat(agent.getNetwork()).as("one network for all nodes").isSameAs(network);
            assertThat(agent.getNetworkAliases()).contains(name);
            assertThat(agent.isPrivilegedMode()).isTrue();
            assertThat(agent.getTmpFsMapping()).isEqualTo(Map.of("/run", "", "/var/run", ""));
            assertThat(hostConfig(agent).getCgroupnsMode()).as("own cgroup tree, own kubepods").isEqualTo("private");
            assertThat(agent.getBinds()).as("not the host's /sys/fs/cgroup").isEmpty();
            assertThat(agent.getCopyToFileContainerPathMap()).isEmpty();
        }
    }

    @Test
    void theServerJoinsTheAgentsNetworkUnderItsAlias() {
        K3sAgents agents = K3sAgents.of(settings(Map.of(K8sNetTest.K3S_AGENTS_KEY, "1")));
        GenericContainer<?> server = new GenericContainer<>(settings(Map.of()).image());

        agents.joinServer(server);

        assertThat(server.getNetwork()).isSameAs(agents.containers().get(0).getNetwork());
        assertThat(server.getNetworkAliases()).contains("k8snet-k3s-server");
    }

    @Test
    void theServerCommandCarriesTheAgentsArgumentsBeforeTheUsers() {
        K3sSettings k = settings(Map.of(K8sNetTest.K3S_AGENTS_KEY, "1", K8sNetTest.K3S_SERVER_ARGS_KEY, "--disable-network-policy"));
        K3sAgents agents = K3sAgents.of(k);

        List<String> command = k.command("localhost", agents.serverArgs());

        assertThat(command).hasSize(6);
        assertThat(command.subList(0, 4)).containsExactly("server", "--disable=traefik", "--tls-san=localhost",
                "--tls-san=k8snet-k3s-server");
        assertThat(command.get(4)).startsWith("--token=");
        assertThat(command.get(5)).isEqualTo("--disable-network-policy");
    }

    @Test
    void agentsGetTheRegistriesFileToo() throws Exception {
        Path registries = Files.writeString(dir.resolve("registries.yaml"), "mirrors: {}\n");
        K3sAgents agents = K3sAgents.of(settings(Map.of(K8sNetTest.K3S_AGENTS_KEY, "1",
                K8sNetTest.K3S_REGISTRIES_KEY, registries.toString())));

        Map<MountableFile, String> copies = agents.containers().get(0).getCopyToFileContainerPathMap();

        assertThat(copies).hasSize(1);
        assertThat(copies.values()).containsExactly("/etc/rancher/k3s/registries.yaml");
        assertThat(copies.keySet().iterator().next().getResolvedPath()).isEqualTo(registries.toString());
    }

    @Test
    void eachRunHasItsOwnToken() {
        K3sSettings k = settings(Map.of(K8sNetTest.K3S_AGENTS_KEY, "1"));

        assertThat(K3sAgents.of(k).serverArgs().get(1)).isNotEqualTo(K3sAgents.of(k).serverArgs().get(1));
    }

    @Test
    void stopStopsAgentsThenTheServerEvenWhenNothingStarted() {
        K3sAgents agents = K3sAgents.of(settings(Map.of(K8sNetTest.K3S_AGENTS_KEY, "1")));
        List<String> stopped = new ArrayList<>();

        agents.stop(() -> stopped.add("server"));

        assertThat(stopped).containsExactly("server");
    }

    @Test
    void logTailOfAnAgentThatNeverStartedAndOfOtherNodes() {
        K3sAgents agents = K3sAgents.of(settings(Map.of(K8sNetTest.K3S_AGENTS_KEY, "1")));

        assertThat(agents.logTail("k8snet-agent-1")).isEqualTo("the log of agent container k8snet-agent-1 ends with:\n  (empty)");
        assertThat(agents.logTail("k3s-server-node")).isEmpty();
    }

    @Test
    void tailKeepsTheLastLines() {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            log.append("line ").append(i).append(i % 2 == 0 ? "\r\n" : "\n\n");
        }

        String tail = K3sAgents.tail(log.toString(), 3);

        assertThat(tail).isEqualTo("  line 28\n  line 29\n  line 30");
        assertThat(K3sAgents.tail("", 3)).isEqualTo("  (empty)");
    }

    @Test
    @DisplayName("bad input: an agent container that cannot start names the agent, its log and the way out")
    void agentThatCannotStart() {
        K3sAgents agents = K3sAgents.of(settings(Map.of(K8sNetTest.K3S_AGENTS_KEY, "2")));
        List<GenericContainer<?>> started = new ArrayList<>();
        long start = System.nanoTime();

        assertThatThrownBy(() -> agents.start(agent -> {
            if (!started.isEmpty()) {
                throw new IllegalStateException("Container startup failed for image rancher/k3s:v1.34.12-k3s1");
            }
            started.add(agent);
        })).isInstanceOf(ClusterException.class)
                .hasMessage("could not start the k3s agent container k8snet-agent-2 from image rancher/k3s:v1.34.12-k3s1:"
                        + " Container startup failed for image rancher/k3s:v1.34.12-k3s1; the log of agent container"
                        + " k8snet-agent-2 ends with:\n  (empty); it needs a privileged container like the server; set"
                        + " k8snet.k3s.agents=0 for a single node");
        assertThat(started).containsExactly(agents.containers().get(0));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
}
