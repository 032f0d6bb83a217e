# Shared settings of the local cluster scripts (sourced, not run).
# shellcheck shell=bash
LC_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$LC_HERE/versions.env"

export K8SNET_CACHE_DIR="${K8SNET_CACHE_DIR:-/var/cache/k8snet}"
export K8SNET_LOCAL_CLUSTER_DIR="${K8SNET_LOCAL_CLUSTER_DIR:-/var/tmp/k8snet-local-cluster}"
CACHE="$K8SNET_CACHE_DIR"
STATE="$K8SNET_LOCAL_CLUSTER_DIR"
BIN="$CACHE/bin"

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
# The scripts' own admin kubeconfig, and the one up.sh publishes for users once the cluster is up.
# down.sh removes the published one first: a test started while the cluster is down then finds no
# kubeconfig (skipped, or failed with k8snet.require-cluster) instead of sending requests to a node
# address that no longer exists here and would be routed off the machine.
KUBECONFIG_ADMIN="$PKI/admin.kubeconfig"
KUBECONFIG_PUBLISHED="$STATE/admin.kubeconfig"
KUBECTL="$STATE/bin/kubectl"

bin_of() { # name -> cached binary path
  case "$1" in
    etcd) echo "$BIN/etcd-$ETCD_VERSION/etcd" ;;
    coredns) echo "$BIN/coredns-$COREDNS_VERSION/coredns" ;;
    kube-router) echo "$BIN/kube-router-$KUBE_ROUTER_VERSION/kube-router" ;;
    *) echo "$BIN/$1-$K8S_VERSION/$1" ;;
  esac
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

ts() { date +%s.%N | cut -c1-14; }
elapsed() { awk -v a="$1" -v b="$(ts)" 'BEGIN{printf "%.1f", b-a}'; }

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
  local table rules rule chains ch set
  for table in filter mangle; do
    rules="$(iptables -t "$table" -S 2>/dev/null)" || continue
    { echo "$rules" | grep -E '^-A (INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) .*-j KUBE-ROUTER-' || true; } |
      while read -r rule; do
        # shellcheck disable=SC2086
        eval iptables -t "$table" ${rule/-A /-D } 2>/dev/null || true
      done
    chains="$(echo "$rules" | awk '$1=="-N" && $2 ~ /^(KUBE-ROUTER-|KUBE-POD-FW-|KUBE-NWPLCY-)/ {print $2}')"
    for ch in $chains; do iptables -t "$table" -F "$ch" 2>/dev/null || true; done
    for ch in $chains; do iptables -t "$table" -X "$ch" 2>/dev/null || true; done
  done
  # The kernel drops a set's last reference a moment after the rule using it is gone: retry.
  local try
  for try in 1 2 3 4 5 6 7 8 9 10; do
    local sets
    sets="$(ipset list -n 2>/dev/null | grep -E '^(KUBE-SRC-|KUBE-DST-|kube-router-)')" || break
    for set in $sets; do ipset destroy "$set" 2>/dev/null || true; done
    sleep 0.3
  done
  return 0
}
