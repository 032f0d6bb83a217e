#!/usr/bin/env bash
# Extra nodes of the local cluster: node n (n = 2, 3, ...) runs its own containerd, kubelet,
# kube-proxy (iptables) and kube-router (NetworkPolicy firewall) inside its own network and mount
# namespace, held open by one process. Node IP 10.250.0.(9+n) on a veth to the host (node 1), /32
# routes and permanent neighbour entries; the pod CIDR the controller-manager assigns, routed
# host-gw style through node 1. The node has no default route: nothing it sends can leave the machine
# (and the host drops whatever comes from a node veth toward the outward interface, see up.sh).
#
#   node.sh up <n>       starts extra node n of the running cluster and waits until it is Ready
#   node.sh down <n>     removes every trace of node n, from any state (also half up, or twice)
#   node.sh down-all     removes every extra node (down.sh runs it before anything else)
#   node.sh list         the extra nodes with state on this machine; `running`: those running
#   node.sh stop|start|restart <n> <agent>...   one node's containerd, kubelet, kube-proxy, kube-router
#   node.sh exec <n> cmd...   runs cmd inside node n's namespaces (debugging, tests)
# Env: K8SNET_NODE_TAINTS: taints an extra node registers with (key=value:Effect,...), e.g. to add a
#      node beside tests that are running, without it taking their pods
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
# shellcheck source=pki.sh
source "$here/pki.sh"
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

MAX_NODES=9
say() { ((${QUIET:-0})) || echo "node.sh: $*" >&2; }
die() { echo "node.sh: $*" >&2; exit 1; }

# node_vars n: the names, addresses and paths of extra node n (globals N_*).
node_vars() {
  local n="$1"
  if ! [[ "$n" =~ ^[0-9]+$ ]] || ((n < 2 || n > MAX_NODES)); then
    die "node number must be 2..$MAX_NODES (node 1 is the host itself), not '$n'"
  fi
  N="$n"
  N_NAME="$(extra_node_name "$n")"
  N_IP="$(extra_node_ip "$n")"
  N_DIR="$NODES_DIR/node$n"             # state; containerd-root/ (image store) is kept by down
  N_RUN="$RUN_DIR/nodes/node$n"         # sockets, containerd state, runc root
  N_HOST_IF="$NODE_VETH_PREFIX$n"       # host side of the link; the node side is eth0 in its namespace
  N_CGROUP="$N_NAME"                    # the node's kubelet cgroupRoot, in every hierarchy
  N_PIDS="$N_DIR/pids"
  N_LOGS="$N_DIR/logs"
  N_SOCK="$N_RUN/containerd/containerd.sock"
}

holder_pid() { [[ -f "$N_PIDS/holder.pid" ]] && pid_alive "$N_PIDS/holder.pid" && cat "$N_PIDS/holder.pid"; }
in_node() { # cmd... inside node N's network and mount namespaces
  local h; h="$(holder_pid)" || die "$N_NAME: its namespace holder is not running"
  nsenter --target "$h" --net --mount -- "$@"
}
kc() { "$KUBECTL" --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }

# wait_until seconds what cmd...: polls cmd (0.3 s) until it succeeds; fails naming what and the log.
wait_until() {
  local secs="$1" what="$2" t0 deadline; shift 2
  t0="$(ts)"; deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { tail_logs; die "$N_NAME: $what not ready after ${secs}s"; }
    sleep 0.3
  done
  say "$N_NAME: $what after $(elapsed "$t0")s"
}
tail_logs() {
  local f
  for f in "$N_LOGS"/*.log; do [[ -f "$f" ]] && { echo "---- $f ----"; tail -n 15 "$f"; } >&2; done
}

# node_processes: PIDs of node N's processes, whatever state its PID files are in: command lines that
# name its directories, its node name or its holder (the hostname flag ends at a space or the end).
node_processes() {
  local d cmd
  for d in /proc/[0-9]*; do
    cmd="$(tr '\0' ' ' 2>/dev/null <"$d/cmdline")" || continue
    case "$cmd" in
      *"$N_DIR/"* | *"$N_RUN/"* | *"=$N_NAME "* | *"$N_NAME-holder"*) echo "${d#/proc/}" ;;
    esac
  done
}
# PIDs in the node's pod cgroups (any hierarchy).
node_pod_pids() {
  find /sys/fs/cgroup -path "*/$N_CGROUP/*" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -un
}

# ------------------------------------------------------------------ up
cgroup_root_create() { # the kubelet refuses a cgroupRoot that is missing in any hierarchy
  local h
  for h in /sys/fs/cgroup/*/; do
    [[ -f "$h/cgroup.procs" ]] || continue
    mkdir -p "$h$N_CGROUP"
    if [[ -f "$h/cpuset.cpus" ]]; then
      cat "$h/cpuset.cpus" >"$h$N_CGROUP/cpuset.cpus"
      cat "$h/cpuset.mems" >"$h$N_CGROUP/cpuset.mems"
    fi
  done
}

# The namespaces: a holder process; in its private mount namespace the copies of node 1's pod
# mounts are dropped and the node's own directories are bound over the paths the kubelet hard-codes.
namespaces() {
  mkdir -p "$N_PIDS" "$N_LOGS" "$N_DIR/var-lib-kubelet" "$N_DIR/var-log-containers" /var/lib/kubelet /var/log/containers /run/netns
  if ! holder_pid >/dev/null; then
    PIDS="$N_PIDS" LOGS="$N_LOGS" start_component holder \
      unshare --net --mount --propagation private -- bash -c "exec -a $N_NAME-holder sleep infinity"
    holder_pid >/dev/null || die "$N_NAME: the namespace holder did not start (see $N_LOGS/holder.log)"
  fi
  # shellcheck disable=SC2016  # expanded by the inner shell
  in_node sh -c '
    awk "{print \$5}" /proc/self/mountinfo | grep -E "^($1|$2|/run/netns/)" | sort -r |
      while read -r m; do umount -l "$m" 2>/dev/null || true; done
    mountpoint -q /var/lib/kubelet || mount --bind "$3/var-lib-kubelet" /var/lib/kubelet
    mountpoint -q /var/log/containers || mount --bind "$3/var-log-containers" /var/log/containers
    mountpoint -q /run/netns || mount -t tmpfs -o mode=755 tmpfs /run/netns
  ' sh "$KUBELET_DIR" "$RUN_DIR/containerd" "$N_DIR"
}

mac_of() { ip -o link show "$1" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p'; }

link() {
  local h; h="$(holder_pid)"
  if ! ip link show "$N_HOST_IF" >/dev/null 2>&1; then
    ip link add "$N_HOST_IF" type veth peer name eth0 netns "$h"
  fi
  ip link set "$N_HOST_IF" up
  # Node 1's address on its end too: MASQUERADE takes the source from the outgoing interface, and
  # without one it picks the machine's outward address, which the node cannot answer (a NodePort of
  # node 1 whose endpoint is on node n, reached from outside the pod range, was dropped that way).
  ip addr replace "$NODE_IP/32" dev "$N_HOST_IF"
  ip route replace "$N_IP/32" dev "$N_HOST_IF" src "$NODE_IP"
  in_node ip link set lo up
  in_node ip addr replace "$N_IP/32" dev eth0
  in_node ip link set eth0 up
  in_node ip route replace "$NODE_IP/32" dev eth0 src "$N_IP"
  # The cluster's pods and the other nodes are reached through node 1 (its own /24, once the bridge
  # exists, is more specific); service addresses kube-proxy did not translate are unreachable.
  in_node ip route replace "$POD_CIDR" via "$NODE_IP" dev eth0 onlink
  in_node ip route replace "$NODES_NET" via "$NODE_IP" dev eth0 onlink
  in_node ip route replace unreachable "$SERVICE_CIDR"
  ip neigh replace "$N_IP" lladdr "$(in_node sh -c "ip -o link show eth0 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p'")" dev "$N_HOST_IF" nud permanent
  in_node ip neigh replace "$NODE_IP" lladdr "$(mac_of "$N_HOST_IF")" dev eth0 nud permanent
  in_node sysctl -qw net.ipv4.ip_forward=1
  in_node sysctl -qw net.bridge.bridge-nf-call-iptables=1
  in_node sysctl -qw net.bridge.bridge-nf-call-ip6tables=1 || true
}

# Node n pulls through a forwarder on node 1's address (the registry listens on the host's loopback,
# which a node namespace cannot reach); it accepts node addresses only.
registry_forwarder() {
  component_running registry-forwarder && return 0
  # (named registry-forwarder on its command line: stop_components checks that the PID is still ours)
  start_component registry-forwarder bash -c 'exec -a registry-forwarder socat "$@"' socat \
    "TCP-LISTEN:5000,bind=$NODE_IP,reuseaddr,fork,range=$NODES_NET" TCP:127.0.0.1:5000
  local _
  for _ in $(seq 1 50); do
    curl -fsS "http://$NODE_IP:5000/v2/" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "the registry forwarder on $NODE_IP:5000 does not answer (see $LOGS/registry-forwarder.log)"
}

# The templates of node 1, rendered with node n's values (render reads the caller's variables).
# shellcheck disable=SC2034  # the upper-case locals are read by render
configs() {
  local STATE="$N_DIR" RUN_DIR="$N_RUN" NODE_NAME="$N_NAME" NODE_IP="$N_IP"
  local CONTAINERD_ROOT="$N_DIR/containerd-root" CONTAINERD_STATE="$N_RUN/containerd/state"
  local CONTAINERD_SOCK="$N_SOCK" CNI_CONF_DIR="$N_DIR/cni/net.d" CNI_DATA_DIR="$N_DIR/cni/networks"
  local CONTAINERD_CERTS_DIR="$N_DIR/containerd/certs.d" REGISTRY_URL="http://$NODE_IP_1:5000" host
  mkdir -p "$N_DIR/containerd" "$N_RUN/containerd/state" "$CNI_CONF_DIR" "$CNI_DATA_DIR" "$CONTAINERD_ROOT" "$N_DIR/kubelet" "$N_DIR/pod-logs"
  rm -rf "$CONTAINERD_CERTS_DIR"
  for host in docker.io registry.k8s.io _default; do
    mkdir -p "$CONTAINERD_CERTS_DIR/$host"
    render containerd-hosts.toml >"$CONTAINERD_CERTS_DIR/$host/hosts.toml"
  done
  render containerd-config.toml >"$N_DIR/containerd/config.toml"
  { render kubelet-config.yaml; echo "# node $N: its own pod cgroups (two kubelets under one /kubepods kill each other's pods)"
    echo "cgroupRoot: /$N_CGROUP"; } >"$N_DIR/kubelet-config.yaml"
  cp "$STATE_1/kube-proxy.kubeconfig" "$STATE_1/kube-router.kubeconfig" "$N_DIR/"
  render kube-proxy-config.yaml >"$N_DIR/kube-proxy-config.yaml"
  # The kubelet's client certificate names the node (NodeRestriction admits it for that node only).
  local PKI="$PKI_1"
  pki_cert "kubelet-$N_NAME" "system:node:$N_NAME" system:nodes
  pki_kubeconfig "$N_DIR/kubelet.kubeconfig" "kubelet-$N_NAME"
}

# shellcheck disable=SC2034  # the upper-case locals are read by render and kube_router_cmd
cni_config() { # once the controller-manager assigned the node's pod CIDR
  local cidr; cidr="$(kc get node "$N_NAME" -o jsonpath='{.spec.podCIDR}')"
  [[ -n "$cidr" ]] || return 1
  local NODE_POD_CIDR="$cidr" POD_GATEWAY="${cidr%.*/*}.1" CNI_DATA_DIR="$N_DIR/cni/networks"
  render 10-k8snet.conflist >"$N_DIR/cni/net.d/10-k8snet.conflist.tmp"
  mv "$N_DIR/cni/net.d/10-k8snet.conflist.tmp" "$N_DIR/cni/net.d/10-k8snet.conflist"
  ip route replace "$cidr" via "$N_IP" dev "$N_HOST_IF" onlink
  echo "$cidr" >"$N_DIR/pod-cidr"
}

node_ready() {
  kc get node "$N_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' | grep -qx True
}

# shellcheck disable=SC2034  # the upper-case locals are read by kube_router_cmd
agents() {
  local STATE="$N_DIR" NODE_NAME="$N_NAME" PIDS="$N_PIDS" LOGS="$N_LOGS"
  component_running containerd || start_component containerd nsenter --target "$(holder_pid)" --net --mount -- \
    /usr/bin/containerd --config "$N_DIR/containerd/config.toml"
  wait_until 30 containerd ctr --address "$N_SOCK" version
  component_running kubelet || start_component kubelet nsenter --target "$(holder_pid)" --net --mount -- \
    "$(bin_of kubelet)" --config="$N_DIR/kubelet-config.yaml" --kubeconfig="$N_DIR/kubelet.kubeconfig" \
    --hostname-override="$N_NAME" --node-ip="$N_IP" --root-dir="$N_DIR/kubelet" \
    ${K8SNET_NODE_TAINTS:+--register-with-taints="$K8SNET_NODE_TAINTS"} --v=1
  wait_until 60 "node registered with a pod CIDR" cni_config
  wait_until 90 "node Ready" node_ready
  component_running kube-proxy || start_component kube-proxy nsenter --target "$(holder_pid)" --net --mount -- \
    "$(bin_of kube-proxy)" --config="$N_DIR/kube-proxy-config.yaml" --v=1
  wait_until 60 kube-proxy in_node sh -c "curl -fsS http://127.0.0.1:10256/healthz >/dev/null && iptables -t nat -S KUBE-SERVICES | grep -q 'default/kubernetes:https'"
  # shellcheck disable=SC2046  # kube_router_cmd: paths and flags without spaces
  component_running kube-router || start_component kube-router nsenter --target "$(holder_pid)" --net --mount -- $(kube_router_cmd)
  wait_until 60 kube-router in_node sh -c "curl -fsS http://127.0.0.1:$KUBE_ROUTER_HEALTH_PORT/healthz >/dev/null && iptables -S KUBE-ROUTER-FORWARD"
}

node_up() {
  node_vars "$1"
  if ! [[ -f "$KUBECONFIG_ADMIN" ]] || ! kc get --raw /readyz >/dev/null 2>&1; then
    die "no running cluster (node 1) in $STATE: run up.sh first"
  fi
  local t0; t0="$(ts)"
  # shellcheck disable=SC2143
  if [[ -n "$(ip -4 route show table all root "$N_IP/32" 2>/dev/null | grep -v "dev $N_HOST_IF\|^local $N_IP")" ]]; then
    die "$N_IP (node $N) overlaps routes already on this machine: $(ip -4 route show table all root "$N_IP/32")"
  fi
  say "$N_NAME: starting ($N_IP)"
  cgroup_root_create
  namespaces
  link
  registry_forwarder
  configs
  agents
  say "$N_NAME: up in $(elapsed "$t0")s (pod CIDR $(cat "$N_DIR/pod-cidr"))"
}

# node.sh stop|start|restart <n> <agent>...: fault injection on one node's agents (up.sh applies its
# stop/start/restart of an agent to every extra node this way). start starts whatever is stopped.
AGENTS=(containerd kubelet kube-proxy kube-router)
agent_verb() {
  local verb="$1" c; node_vars "$2"; shift 2
  (($#)) || die "$verb needs an agent: ${AGENTS[*]}"
  for c in "$@"; do [[ " ${AGENTS[*]} " == *" $c "* ]] || die "unknown agent '$c'; agents: ${AGENTS[*]}"; done
  holder_pid >/dev/null || die "$N_NAME is not running (node.sh up $N)"
  if [[ "$verb" != start ]]; then PIDS="$N_PIDS" QUIET=1 stop_components "$@"; fi
  if [[ "$verb" != stop ]]; then agents; fi
  say "$N_NAME: $verb $* done"
}

# ------------------------------------------------------------------ down
node_down() {
  node_vars "$1"
  local t0 p pp; t0="$(ts)"
  if ! [[ -d "$N_PIDS" || -d "$N_RUN" ]] && ! ip link show "$N_HOST_IF" >/dev/null 2>&1 &&
    [[ -z "$(node_processes)" && -z "$(find /sys/fs/cgroup -maxdepth 2 -type d -name "$N_CGROUP" 2>/dev/null)" ]]; then
    rm -rf "$N_DIR/containerd" "$N_DIR"/*.yaml "$N_DIR"/*.kubeconfig
    say "$N_NAME: nothing to remove"; return 0
  fi
  PIDS="$N_PIDS" QUIET=1 stop_components kube-router kube-proxy kubelet
  pp="$(node_pod_pids)"
  # shellcheck disable=SC2086
  [[ -z "$pp" ]] || kill -KILL $pp 2>/dev/null || true
  if [[ -S "$N_SOCK" ]] && PIDS="$N_PIDS" component_running containerd; then
    for id in $(ctr --address "$N_SOCK" -n k8s.io tasks ls -q 2>/dev/null); do
      ctr --address "$N_SOCK" -n k8s.io tasks kill -s KILL "$id" >/dev/null 2>&1 || true
    done
    for id in $(ctr --address "$N_SOCK" -n k8s.io containers ls -q 2>/dev/null); do
      ctr --address "$N_SOCK" -n k8s.io tasks rm -f "$id" >/dev/null 2>&1 || true
      ctr --address "$N_SOCK" -n k8s.io containers rm "$id" >/dev/null 2>&1 || true
    done
  fi
  PIDS="$N_PIDS" QUIET=1 stop_components containerd holder
  # Whatever is left of the node (shims, a process whose PID file was lost) goes by its command line.
  for _ in 1 2 3; do
    p="$(node_processes)"
    [[ -z "$p" ]] && break
    # shellcheck disable=SC2086
    kill -KILL $p 2>/dev/null || true
    sleep 0.3
  done
  # The namespaces went with their last process; the veth with the network namespace (or here).
  ip link del "$N_HOST_IF" 2>/dev/null || true
  if [[ -f "$N_DIR/pod-cidr" ]]; then ip route del "$(cat "$N_DIR/pod-cidr")" 2>/dev/null || true; fi
  ip route del "$N_IP/32" 2>/dev/null || true
  find /sys/fs/cgroup -depth -type d -path "*/$N_CGROUP*" -exec rmdir {} \; 2>/dev/null || true
  if [[ -f "$KUBECONFIG_ADMIN" ]]; then kc delete node "$N_NAME" --ignore-not-found --wait=false >/dev/null 2>&1 || true; fi
  rm -f "$PKI/kubelet-$N_NAME".{crt,key}
  # Per-run state; the image store (containerd-root) is kept, like node 1's.
  # (rendered configurations and kubeconfigs go too: they hold the node's credentials)
  rm -rf "$N_RUN" "$N_DIR/kubelet" "$N_DIR/pod-logs" "$N_DIR/var-lib-kubelet" "$N_DIR/var-log-containers" \
    "$N_DIR/cni" "$N_DIR/pids" "$N_DIR/pod-cidr" "$N_DIR/containerd" "$N_DIR"/*.yaml "$N_DIR"/*.kubeconfig
  if [[ -d "$N_LOGS" ]] && compgen -G "$N_LOGS/*" >/dev/null; then
    rm -rf "$N_DIR/logs.previous"; mv "$N_LOGS" "$N_DIR/logs.previous"
  fi
  p="$(node_processes)"
  [[ -z "$p" ]] || die "$N_NAME: processes still running: $p"
  say "$N_NAME: removed in $(elapsed "$t0")s"
}

# Extra nodes known here: state directories, host-side links, or processes of any node number.
known_nodes() {
  {
    for d in "$NODES_DIR"/node*/pids "$RUN_DIR"/nodes/node*; do [[ -d "$d" ]] && { d="${d%/pids}"; echo "${d##*/node}"; }; done
    ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | sed -n "s/^$NODE_VETH_PREFIX\([0-9]*\)$/\1/p"
    for d in /sys/fs/cgroup/*/k8snet-node[0-9]*; do [[ -d "$d" ]] && echo "${d##*/k8snet-node}"; done
  } 2>/dev/null | grep -E '^[0-9]+$' | sort -un
}

down_all() {
  local n rc=0
  for n in $(known_nodes); do
    ((n >= 2 && n <= MAX_NODES)) || continue
    (node_down "$n") || rc=1
  done
  # The forwarder serves extra nodes only.
  QUIET=1 stop_components registry-forwarder
  return "$rc"
}

# The values of node 1 that configs() needs while it shadows STATE and PKI.
STATE_1="$STATE"; PKI_1="$PKI"; NODE_IP_1="$NODE_IP"

case "${1:-}" in
  up) node_up "${2:?usage: node.sh up <n>}" ;;
  down) node_down "${2:?usage: node.sh down <n>}" ;;
  down-all) down_all ;;
  list) known_nodes ;;
  stop | start | restart) agent_verb "$1" "${2:?usage: node.sh $1 <n> <agent>...}" "${@:3}" ;;
  running) for n in $(known_nodes); do node_vars "$n"; holder_pid >/dev/null && echo "$n"; done; true ;;
  exec) node_vars "${2:?usage: node.sh exec <n> cmd...}"; shift 2; in_node "$@" ;;
  -h | --help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
  *) echo "usage: node.sh up|down <n> | down-all | list | running | stop|start|restart <n> <agent>... | exec <n> cmd..." >&2; exit 2 ;;
esac
