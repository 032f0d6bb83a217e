# Shared settings and helpers of the local cluster scripts (sourced, not run).
# shellcheck shell=bash
# The settings below are used by the scripts that source this file, not here.
# shellcheck disable=SC2034
LC_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$LC_HERE/versions.env"
# One knob for every script (build, cluster, images): a Kubernetes version other than versions.env's.
K8S_VERSION="${K8SNET_K8S_VERSION:-$K8S_VERSION}"

export K8SNET_CACHE_DIR="${K8SNET_CACHE_DIR:-/var/cache/k8snet}"
export K8SNET_LOCAL_CLUSTER_DIR="${K8SNET_LOCAL_CLUSTER_DIR:-/var/tmp/k8snet-local-cluster}"
CACHE="$K8SNET_CACHE_DIR"
STATE="$K8SNET_LOCAL_CLUSTER_DIR"
BIN="$CACHE/bin"
TEMPLATES="$LC_HERE/templates"

# Addresses: nothing here overlaps the machine's own networks (checked by up.sh).
NODE_NAME="k8snet-node"
NODE_IFACE="k8snet0"            # created by up.sh (dummy, or a port-less bridge if dummy is unavailable)
NODE_IP="10.250.0.10"
POD_CIDR="10.244.0.0/16"
NODE_POD_CIDR="10.244.0.0/24"
POD_GATEWAY="10.244.0.1"
BRIDGE="k8snet-br0"
SERVICE_CIDR="10.96.0.0/16"
API_SERVICE_IP="10.96.0.1"
DNS_SERVICE_IP="10.96.0.10"
CLUSTER_DOMAIN="cluster.local"
API_PORT=6443
API_SERVER="https://$NODE_IP:$API_PORT"
ETCD_CLIENT_PORT=2379
ETCD_PEER_PORT=2380
KUBE_ROUTER_HEALTH_PORT=20244
# Extra nodes (node.sh): node n (2..9) is k8snet-node<n> at 10.250.0.<9+n>, linked to the host by the
# veth k8snet-h<n>; state in $NODES_DIR/node<n>. NODES_NET holds every node address (node 1 too).
NODES_NET="10.250.0.0/24"
NODE_VETH_PREFIX="k8snet-h"
extra_node_name() { echo "k8snet-node$1"; }
extra_node_ip() { echo "10.250.0.$((9 + $1))"; }

# Runtime paths: containerd runs with its own sockets/state, never the distribution's defaults.
RUN_DIR="/run/k8snet"
CONTAINERD_SOCK="$RUN_DIR/containerd/containerd.sock"
CONTAINERD_STATE="$RUN_DIR/containerd/state"
CONTAINERD_ROOT="$STATE/containerd-root"   # image store, kept across down/up
KUBELET_DIR="$STATE/kubelet"
CNI_CONF_DIR="$STATE/cni/net.d"
CNI_DATA_DIR="$STATE/cni/networks"
CNI_BIN_DIR="/usr/lib/cni"
PKI="$STATE/pki"
LOGS="$STATE/logs"
PIDS="$STATE/pids"
NODES_DIR="$STATE/nodes"
# The scripts' own admin kubeconfig, and the one up.sh publishes for users once the cluster is up.
# down.sh removes the published one first: a test started while the cluster is down then finds no
# kubeconfig (skipped, or failed with k8snet.require-cluster) instead of sending requests to a node
# address that no longer exists here and would be routed off the machine.
KUBECONFIG_ADMIN="$PKI/admin.kubeconfig"
KUBECONFIG_PUBLISHED="$STATE/admin.kubeconfig"
KUBECTL="$STATE/bin/kubectl"

# Kernel settings the cluster changes: up.sh sets ip_forward and bridge-nf-call-*, the kubelet its
# "kernel tunables" (vm.*, kernel.*: protectKernelDefaults is off), kube-proxy may set the rest.
# up.sh records their values before it changes anything (sysctl_save), down.sh puts them back.
SYSCTLS=(
  net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables
  vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops
  kernel.keys.root_maxkeys kernel.keys.root_maxbytes
  net.ipv4.conf.all.route_localnet net.netfilter.nf_conntrack_max
)
SYSCTL_SAVED="$STATE/sysctl.saved"

bin_of() { # name -> cached binary path
  case "$1" in
    etcd) echo "$BIN/etcd-$ETCD_VERSION/etcd" ;;
    coredns) echo "$BIN/coredns-$COREDNS_VERSION/coredns" ;;
    kube-router) echo "$BIN/kube-router-$KUBE_ROUTER_VERSION/kube-router" ;;
    *) echo "$BIN/$1-$K8S_VERSION/$1" ;;
  esac
}

# render template: prints templates/<template> with every ${NAME} replaced by the value of the shell
# variable NAME (locals of the caller included). A NAME that is not set is an error, never "".
render() {
  local src="$TEMPLATES/$1" text name n=0
  [[ -f "$src" ]] || { echo "render: no template $src" >&2; return 1; }
  text="$(<"$src")"
  while [[ "$text" =~ \$\{([A-Za-z_][A-Za-z0-9_]*)\} ]]; do
    name="${BASH_REMATCH[1]}"
    if [[ ! -v "$name" ]]; then echo "render: $1 uses \${$name}, which is not set" >&2; return 1; fi
    text="${text//"\${$name}"/"${!name}"}"
    ((++n < 100)) || { echo "render: $1: substitution does not end" >&2; return 1; }
  done
  printf '%s\n' "$text"
}

# The interface that carries the default route (the way out of the machine).
outward_iface() {
  ip -4 route show default 2>/dev/null | awk '{for (i=1;i<NF;i++) if ($i=="dev") {print $(i+1); exit}}'
}

pid_alive() { # pidfile -> 0 if its process lives
  [[ -f "$1" ]] || return 1
  local p; p="$(cat "$1" 2>/dev/null)"
  [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null
}

# component_running name -> 0 if $PIDS/name.pid names a live process that runs our component
# (a PID file may outlive its process and the PID be reused).
component_running() {
  local p
  pid_alive "$PIDS/$1.pid" || return 1
  p="$(cat "$PIDS/$1.pid")"
  tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline" | grep -q -- "$1"
}

# start_component name cmd...: runs cmd detached (own session), appends to $LOGS/name.log, PID in
# $PIDS/name.pid (written by the process itself before it execs cmd).
start_component() {
  local name="$1"; shift
  mkdir -p "$LOGS" "$PIDS"
  rm -f "$PIDS/$name.pid"
  # $0 of the inner shell is the PID file; it writes its own PID there and becomes cmd.
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDS/$name.pid" "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  local _
  for _ in $(seq 1 50); do [[ -s "$PIDS/$name.pid" ]] && break; sleep 0.1; done
}

# stop_components name...: TERM to each running one, wait up to 15 s for all, then KILL; by PID file
# only. Says what it stops on stderr unless QUIET=1.
stop_components() {
  local name p _ pids=()
  for name in "$@"; do
    if component_running "$name"; then
      p="$(cat "$PIDS/$name.pid")"
      ((${QUIET:-0})) || echo "stopping $name ($p)" >&2
      kill -TERM "$p" 2>/dev/null
      pids+=("$p")
    fi
    rm -f "$PIDS/$name.pid"
  done
  ((${#pids[@]})) || return 0
  for _ in $(seq 1 150); do
    local alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || return 0
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
  sleep 0.2
  return 0
}

ts() { date +%s.%N | cut -c1-14; }
elapsed() { awk -v a="$1" -v b="$(ts)" 'BEGIN{printf "%.1f", b-a}'; }

# Processes whose executable is one of our cached binaries (a lost PID file must not leave them).
cluster_strays() {
  local d exe
  for d in /proc/[0-9]*; do
    exe="$(readlink "$d/exe" 2>/dev/null)" || continue
    case "$exe" in "$BIN"/*) echo "${d#/proc/}" ;; esac
  done
}

# Processes started by our containerd: shims carry our socket path on their command line.
cluster_shims() {
  local d
  for d in /proc/[0-9]*; do
    if tr '\0' ' ' 2>/dev/null <"$d/cmdline" | grep -q "containerd-shim.*-address $CONTAINERD_SOCK"; then
      echo "${d#/proc/}"
    fi
  done
}

# iptables_purge regex table...: removes, in each table of both IPv4 and IPv6 (the kubelet and
# kube-proxy also create IPv6 chains), the rules of the built-in chains that jump to a chain whose
# name matches the (extended) regex, then flushes and deletes those chains.
iptables_purge() {
  local re="$1" ipt table rules rule chains ch; shift
  for ipt in iptables ip6tables; do
    command -v "$ipt" >/dev/null || continue
    for table in "$@"; do
      rules="$("$ipt" -t "$table" -S 2>/dev/null)" || continue
      { echo "$rules" | grep -E "^-A (INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) .*-j ($re)" || true; } |
        while read -r rule; do
          # The rule as iptables -S prints it (comments quoted): eval keeps the quoting.
          # shellcheck disable=SC2086
          eval "$ipt" -t "$table" ${rule/-A /-D } 2>/dev/null || true
        done
      chains="$(echo "$rules" | awk -v re="^($re)" '$1=="-N" && $2 ~ re {print $2}')"
      for ch in $chains; do "$ipt" -t "$table" -F "$ch" 2>/dev/null || true; done
      for ch in $chains; do "$ipt" -t "$table" -X "$ch" 2>/dev/null || true; done
    done
  done
  return 0
}

# ipset_purge regex: destroys the ipsets whose names match. The kernel drops a set's last reference
# a moment after the rule using it is gone: retried.
ipset_purge() {
  local sets set _
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    sets="$(ipset list -n 2>/dev/null | grep -E "^($1)")" || break
    for set in $sets; do ipset destroy "$set" 2>/dev/null || true; done
    sleep 0.3
  done
  return 0
}

# kube-router: only the NetworkPolicy firewall (as k3s embeds it).
kube_router_cmd() {
  echo "$(bin_of kube-router)" --kubeconfig="$STATE/kube-router.kubeconfig" \
    --run-firewall=true --run-router=false --run-service-proxy=false \
    --hostname-override="$NODE_NAME" --service-cluster-ip-range="$SERVICE_CIDR" \
    --health-port="$KUBE_ROUTER_HEALTH_PORT" --metrics-port=0 --v=1
}

# Removes kube-router's NetworkPolicy rules and ipsets. (kube-router v2.1.0's own --cleanup-config
# cleans nothing of the firewall and then panics in the service proxy's clean-up.)
kube_router_cleanup() {
  iptables_purge 'KUBE-ROUTER-|KUBE-POD-FW-|KUBE-NWPLCY-' filter mangle
  ipset_purge 'KUBE-SRC-|KUBE-DST-|kube-router-'
}

# sysctl_save: records the current values of SYSCTLS in $SYSCTL_SAVED, unless a record exists (it
# holds the values from before the cluster, until down.sh has put them back).
sysctl_save() {
  [[ -f "$SYSCTL_SAVED" ]] && return 0
  mkdir -p "$STATE"
  local k v
  for k in "${SYSCTLS[@]}"; do
    v="$(sysctl -n "$k" 2>/dev/null)" && echo "$k=$v"
  done >"$SYSCTL_SAVED.tmp"
  mv "$SYSCTL_SAVED.tmp" "$SYSCTL_SAVED"
}

# sysctl_restore: puts back every recorded value that differs now, then drops the record.
# Prints one line per value it restores (stderr); returns 1 if a value could not be written.
sysctl_restore() {
  [[ -f "$SYSCTL_SAVED" ]] || return 0
  local k v now rc=0
  while IFS='=' read -r k v; do
    [[ -n "$k" ]] || continue
    now="$(sysctl -n "$k" 2>/dev/null)" || continue
    [[ "$now" == "$v" ]] && continue
    if sysctl -qw "$k=$v" 2>/dev/null; then
      ((${QUIET:-0})) || echo "restored $k=$v (was $now)" >&2
    else
      echo "could not restore $k=$v (is $now)" >&2; rc=1
    fi
  done <"$SYSCTL_SAVED"
  ((rc)) || rm -f "$SYSCTL_SAVED"
  return "$rc"
}

# apt_install_missing who pkg...: apt-get installs those of the packages that are not installed.
# No package's service starts meanwhile (Debian's registry on :5000 of every interface, a system
# containerd): a policy-rc.d that exits 101 is Debian's way; ours exists only during the install.
# The package lists are refreshed only if an install from the current lists fails.
apt_install_missing() {
  local who="$1" p missing=(); shift
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "$who: installing ${missing[*]}" >&2
  local policy=/usr/sbin/policy-rc.d added="" rc=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; added=1
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/k8snet-apt.log 2>&1; then
    apt-get update -qq >&2 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || rc=$?
  fi
  [[ -z "$added" ]] || rm -f "$policy"
  return "$rc"
}
