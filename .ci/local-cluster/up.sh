#!/usr/bin/env bash
# Brings up a real Kubernetes cluster (one node, or more with node.sh) from host processes (like upstream
# hack/local-up-cluster.sh): etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
# containerd + runc + CNI bridge, kubelet, kube-proxy (iptables), kube-router (NetworkPolicy
# firewall only) and CoreDNS (a pod). Configuration files are rendered from templates/.
#
#   up.sh                       the whole cluster; idempotent: cleans leftovers first (down.sh)
#   up.sh --nodes N             with N nodes (default K8SNET_NODES, else 1): node 1 is the host,
#                               nodes 2..N run in their own namespaces (node.sh)
#   up.sh restart <component>…  stops and starts components of the running cluster alone, with
#                               their configuration rendered again from templates/; components:
#                               etcd kube-apiserver kube-controller-manager kube-scheduler images
#                               containerd kubelet kube-proxy kube-router coredns
#   up.sh stop <component>…     stops components alone (fault injection; coredns: scaled to 0)
#   up.sh start <component>…    starts stopped components again and waits until they are ready
#
# Env: K8SNET_LOCAL_CLUSTER_DIR (default /var/tmp/k8snet-local-cluster): state, logs, pids, bin/kubectl
#      K8SNET_CACHE_DIR (default /var/cache/k8snet): binary cache, registry storage
#      K8SNET_SKIP_SMOKE=1: do not run smoke.sh at the end
#      K8SNET_SKIP_IMAGES=1: do not run images.sh start (debugging only: pods need the images)
#      K8SNET_NODES (default 1): the node count of `up.sh` (1..9)
# Last line printed on success of `up.sh`: KUBECONFIG=<path of the admin kubeconfig>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
# shellcheck source=pki.sh
source "$here/pki.sh"
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

# In start order. Each has start_<name> (config, process) and ready_<name> (bounded wait). A restart
# stops a component by its PID file $PIDS/<name>.pid, or with stop_<name> where it has one, or runs
# restart_<name> instead of all three.
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler images containerd kubelet
  kube-proxy kube-router coredns)

T_START="$(ts)"
CURRENT="setup"
CURRENT_LOG=""
FAIL_REPORTED=0

log_tail() {
  if [[ -n "$CURRENT_LOG" && -f "$CURRENT_LOG" ]]; then
    echo "---- last lines of $CURRENT_LOG ----" >&2
    tail -n 40 "$CURRENT_LOG" >&2
    echo "----" >&2
  fi
}
fail() {
  FAIL_REPORTED=1
  echo "up.sh: FAILED at $CURRENT: $*" >&2
  log_tail
  exit 1
}
on_exit() {
  local rc=$?
  if ((rc != 0 && FAIL_REPORTED == 0)); then
    echo "up.sh: error (exit $rc) at $CURRENT" >&2
    log_tail
  fi
}
trap on_exit EXIT

step() { CURRENT="$1"; CURRENT_LOG="${2:-}"; echo "up.sh: == $1" >&2; }

# start name cmd...: the component's process, detached, log $LOGS/name.log.
start() {
  local name="$1"; shift
  CURRENT_LOG="$LOGS/$name.log"
  echo "up.sh:    starting $name" >&2
  start_component "$name" "$@"
}

# wait_for name timeout-seconds cmd... : polls cmd until it succeeds; fails with the log tail when
# the time is up or the component's process exited. WAIT_LABEL names what is awaited, if not name.
wait_for() {
  local name="$1" timeout="$2"; shift 2
  local t0 pidf="$PIDS/$name.pid" deadline=$((SECONDS + timeout))
  t0="$(ts)"
  while ! "$@" >/dev/null 2>&1; do
    if [[ -f "$pidf" ]] && ! pid_alive "$pidf"; then fail "$name exited"; fi
    if ((SECONDS >= deadline)); then fail "${WAIT_LABEL:-$name} not ready after ${timeout}s"; fi
    sleep 0.5
  done
  echo "up.sh:    ${WAIT_LABEL:-$name} ready after $(elapsed "$t0")s" >&2
  WAIT_LABEL=""
}

kc() { "$KUBECTL" --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }
# healthy url: the endpoint answers "ok" (the components' own certificates: no verification).
healthy() { curl -fsSk "$1" | grep -qx ok; }
# node_field jsonpath: prints a field of our node.
node_field() { kc get node "$NODE_NAME" -o jsonpath="$1"; }

in_cidr() { # ip cidr -> 0 if ip is inside cidr
  local ip="$1" net="${2%/*}" bits="${2#*/}" a b c d n1 n2
  IFS=. read -r a b c d <<<"$ip"; n1=$(((a << 24) | (b << 16) | (c << 8) | d))
  IFS=. read -r a b c d <<<"$net"; n2=$(((a << 24) | (b << 16) | (c << 8) | d))
  local mask=$(((0xffffffff << (32 - bits)) & 0xffffffff))
  (((n1 & mask) == (n2 & mask)))
}

# ------------------------------------------------------------------ preparation (whole cluster only)
prepare() {
  step "cleanup of an earlier run"
  bash "$here/down.sh" --quiet || fail "down.sh failed"
  step "packages"
  bash "$here/install-deps.sh" || fail "install-deps.sh failed"
  step "binaries"
  local t0; t0="$(ts)"
  bash "$here/build.sh" 2>"$STATE.build.err" || { cat "$STATE.build.err" >&2; fail "build.sh failed"; }
  grep -v '^build.sh: binaries in\|^  /' "$STATE.build.err" >&2 || true
  rm -f "$STATE.build.err"
  echo "up.sh:    binaries ready after $(elapsed "$t0")s ($BIN)" >&2
  mkdir -p "$STATE" "$LOGS" "$PIDS" "$STATE/bin" "$RUN_DIR" "$KUBELET_DIR" "$CNI_CONF_DIR" "$CNI_DATA_DIR" "$CONTAINERD_ROOT"
  install -m 0755 "$(bin_of kubectl)" "$KUBECTL"
}

# Refuses ranges that overlap the machine's routes or resolvers; records, then sets the sysctls;
# node interface, unreachable routes for the cluster ranges, and the iptables guards.
host_network() {
  step "host network"
  local r ns out_if
  for r in "$POD_CIDR" "$SERVICE_CIDR" "$NODE_IP/32"; do
    # (grep's output, not grep -q: an early exit of grep would fail the pipe under pipefail)
    # shellcheck disable=SC2143
    if [[ -n "$(ip -4 route show table all root "$r" 2>/dev/null | grep -v "^unreachable\|^local $NODE_IP\|dev $BRIDGE\|dev $NODE_IFACE")" ]]; then
      fail "range $r overlaps routes already on this machine: $(ip -4 route show table all root "$r")"
    fi
  done
  for ns in $(awk '/^nameserver/ {print $2}' /etc/resolv.conf 2>/dev/null | grep -E '^[0-9.]+$' || true); do
    for r in "$POD_CIDR" "$SERVICE_CIDR" "$NODE_IP/32"; do
      in_cidr "$ns" "$r" && fail "resolver $ns lies inside $r"
    done
  done
  sysctl_save
  sysctl -qw net.ipv4.ip_forward=1
  sysctl -qw net.bridge.bridge-nf-call-iptables=1
  sysctl -qw net.bridge.bridge-nf-call-ip6tables=1 || true
  if ! ip link show "$NODE_IFACE" >/dev/null 2>&1; then
    # No loadable modules here: fall back to a bridge without ports when dummy is not built in.
    ip link add "$NODE_IFACE" type dummy 2>/dev/null || ip link add "$NODE_IFACE" type bridge
  fi
  ip addr replace "$NODE_IP/32" dev "$NODE_IFACE"
  ip link set "$NODE_IFACE" up
  # Nothing addressed to the service or pod ranges may follow the default route out of the machine:
  # unreachable routes answer at once (ICMP) for every address that kube-proxy did not translate and
  # that is not a live pod (the bridge's connected /24 is more specific).
  ip route replace unreachable "$SERVICE_CIDR"
  ip route replace unreachable "$POD_CIDR"
  # Forwarded pod traffic toward the outward interface is dropped before any other filter
  # (mangle runs before filter, where kube-proxy and kube-router insert their ACCEPT rules).
  out_if="$(outward_iface)"
  if [[ -n "$out_if" ]]; then
    iptables -t mangle -N K8SNET-EGRESS 2>/dev/null || iptables -t mangle -F K8SNET-EGRESS
    for r in "$POD_CIDR" "$SERVICE_CIDR"; do
      iptables -t mangle -A K8SNET-EGRESS -s "$r" -o "$out_if" -j DROP
      iptables -t mangle -A K8SNET-EGRESS -d "$r" -o "$out_if" -j DROP
    done
    # Extra nodes have no default route; whatever comes from their links toward the outside is dropped too.
    iptables -t mangle -A K8SNET-EGRESS -i "$NODE_VETH_PREFIX+" -o "$out_if" -j DROP
    iptables -t mangle -C FORWARD -j K8SNET-EGRESS 2>/dev/null || iptables -t mangle -I FORWARD 1 -j K8SNET-EGRESS
    echo "up.sh:    outward interface $out_if: forwarded pod/service traffic to it is dropped" >&2
  fi
  # Pods talk to each other and to the node through our bridge; accept that even if FORWARD's policy is DROP.
  iptables -N K8SNET-FORWARD 2>/dev/null || iptables -F K8SNET-FORWARD
  iptables -A K8SNET-FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT
  # ... and between the nodes (pod CIDRs routed host-gw through node 1, see node.sh).
  iptables -A K8SNET-FORWARD -i "$NODE_VETH_PREFIX+" -j ACCEPT
  iptables -A K8SNET-FORWARD -o "$NODE_VETH_PREFIX+" -j ACCEPT
  iptables -C FORWARD -j K8SNET-FORWARD 2>/dev/null || iptables -A FORWARD -j K8SNET-FORWARD
}

certificates() {
  step "certificates"
  pki_all
}

# ------------------------------------------------------------------ components
# etcd: a fresh data dir on a whole `up` (FRESH_ETCD=1), the existing one on a restart.
start_etcd() {
  if ((${FRESH_ETCD:-0})); then rm -rf "$STATE/etcd"; fi
  mkdir -p "$STATE/etcd"; chmod 700 "$STATE/etcd"
  start etcd "$(bin_of etcd)" --name k8snet --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "k8snet=http://127.0.0.1:$ETCD_PEER_PORT" --unsafe-no-fsync --log-level warn
}
ready_etcd() {
  wait_for etcd 30 sh -c "curl -fsS http://127.0.0.1:$ETCD_CLIENT_PORT/health | grep -q '\"health\":\"true\"'"
}

start_kube_apiserver() {
  start kube-apiserver "$(bin_of kube-apiserver)" \
    --advertise-address="$NODE_IP" --bind-address="$NODE_IP" --secure-port="$API_PORT" \
    --etcd-servers="http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --client-ca-file="$PKI/ca.crt" --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
    --kubelet-preferred-address-types=InternalIP \
    --authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction \
    --service-account-issuer="https://kubernetes.default.svc.$CLUSTER_DOMAIN" \
    --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
    --allow-privileged=true --profiling=false --v=1
}
ready_kube_apiserver() {
  wait_for kube-apiserver 90 sh -c "curl -fsS --cacert '$PKI/ca.crt' '$API_SERVER/readyz' | grep -qx ok"
}

# control_plane_client name secure-port: the flags kube-controller-manager and kube-scheduler share.
control_plane_client() {
  local kubeconfig="$STATE/$1.kubeconfig"
  echo --kubeconfig="$kubeconfig" --authentication-kubeconfig="$kubeconfig" \
    --authorization-kubeconfig="$kubeconfig" --bind-address=127.0.0.1 --secure-port="$2" --leader-elect=false
}

start_kube_controller_manager() {
  # shellcheck disable=SC2046  # paths and flags without spaces
  start kube-controller-manager "$(bin_of kube-controller-manager)" $(control_plane_client controller-manager 10257) \
    --controllers='*' --use-service-account-credentials=true \
    --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
    --root-ca-file="$PKI/ca.crt" --service-account-private-key-file="$PKI/sa.key" \
    --allocate-node-cidrs=true --cluster-cidr="$POD_CIDR" --node-cidr-mask-size=24 \
    --service-cluster-ip-range="$SERVICE_CIDR" --configure-cloud-routes=false --v=1
}
ready_kube_controller_manager() {
  CURRENT_LOG="$LOGS/kube-controller-manager.log"
  wait_for kube-controller-manager 60 healthy https://127.0.0.1:10257/healthz
}

start_kube_scheduler() {
  # shellcheck disable=SC2046  # paths and flags without spaces
  start kube-scheduler "$(bin_of kube-scheduler)" $(control_plane_client scheduler 10259) --v=1
}
ready_kube_scheduler() {
  CURRENT_LOG="$LOGS/kube-scheduler.log"
  wait_for kube-scheduler 60 healthy https://127.0.0.1:10259/healthz
}

# images: the local registry and its images (images.sh owns them; it rebuilds only what changed).
start_images() {
  CURRENT_LOG="$LOGS/images.log"
  [[ -f "$here/images.sh" ]] || fail "images.sh missing"
  if [[ "${K8SNET_SKIP_IMAGES:-}" == 1 ]]; then
    echo "up.sh:    K8SNET_SKIP_IMAGES=1: not running images.sh start" >&2
    return 0
  fi
  local t0; t0="$(ts)"
  bash "$here/images.sh" start >>"$LOGS/images.log" 2>&1 </dev/null || fail "images.sh start failed"
  echo "up.sh:    images ready after $(elapsed "$t0")s" >&2
}
ready_images() { :; }   # images.sh start returns once every image is served
stop_images() { bash "$here/images.sh" stop >>"$LOGS/images.log" 2>&1 || true; }

# shellcheck disable=SC2034  # CONTAINERD_CERTS_DIR is read by render
start_containerd() {
  local host certs="$STATE/containerd/certs.d" REGISTRY_URL="http://127.0.0.1:5000"
  mkdir -p "$(dirname "$CONTAINERD_SOCK")" "$CONTAINERD_STATE" "$CNI_CONF_DIR"
  # docker.io, registry.k8s.io and _default (every other registry) resolve to the local registry.
  rm -rf "$certs"
  for host in docker.io registry.k8s.io _default; do
    mkdir -p "$certs/$host"
    render containerd-hosts.toml >"$certs/$host/hosts.toml"
  done
  local CONTAINERD_CERTS_DIR="$certs"
  render containerd-config.toml >"$STATE/containerd/config.toml"
  # CNI: one bridge, host-local addresses from the node's /24, no masquerade (nothing leaves).
  render 10-k8snet.conflist >"$CNI_CONF_DIR/10-k8snet.conflist"
  start containerd /usr/bin/containerd --config "$STATE/containerd/config.toml"
}
ready_containerd() { wait_for containerd 30 ctr --address "$CONTAINERD_SOCK" version; }

start_kubelet() {
  render kubelet-config.yaml >"$STATE/kubelet-config.yaml"
  start kubelet "$(bin_of kubelet)" --config="$STATE/kubelet-config.yaml" \
    --kubeconfig="$STATE/kubelet.kubeconfig" --hostname-override="$NODE_NAME" --node-ip="$NODE_IP" \
    --root-dir="$KUBELET_DIR" --v=1
}
node_ready() { node_field '{.status.conditions[?(@.type=="Ready")].status}' | grep -qx True; }
node_has_pod_cidr() { node_field '{.spec.podCIDR}' | grep -q .; }
ready_kubelet() {
  wait_for kubelet 60 sh -c "curl -fsS http://127.0.0.1:10248/healthz | grep -qx ok"
  WAIT_LABEL="node $NODE_NAME"
  wait_for kubelet 120 node_ready
  WAIT_LABEL="node podCIDR"
  wait_for kube-controller-manager 60 node_has_pod_cidr
  local node_cidr; node_cidr="$(node_field '{.spec.podCIDR}')"
  [[ "$node_cidr" == "$NODE_POD_CIDR" ]] || fail "node podCIDR is '$node_cidr', CNI uses $NODE_POD_CIDR"
}

start_kube_proxy() {
  render kube-proxy-config.yaml >"$STATE/kube-proxy-config.yaml"
  start kube-proxy "$(bin_of kube-proxy)" --config="$STATE/kube-proxy-config.yaml" --v=1
}
ready_kube_proxy() {
  wait_for kube-proxy 60 sh -c "curl -fsS http://127.0.0.1:10256/healthz >/dev/null && iptables -t nat -S KUBE-SERVICES | grep -q 'default/kubernetes:https'"
}

start_kube_router() {
  render kube-router-rbac.yaml | kc apply -f - >/dev/null || fail "RBAC for kube-router not applied"
  # shellcheck disable=SC2046  # kube_router_cmd: paths and flags without spaces
  start kube-router $(kube_router_cmd)
}
ready_kube_router() {
  wait_for kube-router 60 sh -c "curl -fsS http://127.0.0.1:$KUBE_ROUTER_HEALTH_PORT/healthz >/dev/null && iptables -S KUBE-ROUTER-FORWARD"
}

# coredns: a pod running the cached binary; its objects and Corefile are (re)applied.
# shellcheck disable=SC2034  # COREDNS_DIR is read by render
start_coredns() {
  local COREDNS_DIR corefile="$STATE/Corefile"
  COREDNS_DIR="$(dirname "$(bin_of coredns)")"
  CURRENT_LOG="$LOGS/kubelet.log"
  render Corefile >"$corefile"
  kc -n kube-system create configmap coredns --from-file=Corefile="$corefile" --dry-run=client -o yaml |
    kc apply -f - >/dev/null || fail "ConfigMap coredns not applied"
  render coredns.yaml | kc apply -f - >/dev/null || fail "CoreDNS objects not applied"
}
coredns_ready() {
  kc -n kube-system get pods -l k8s-app=kube-dns \
    -o jsonpath='{.items[*].status.conditions[?(@.type=="Ready")].status}' | grep -qx True
}
ready_coredns() { wait_for coredns 120 coredns_ready; }
coredns_gone() { [[ -z "$(kc -n kube-system get pods -l k8s-app=kube-dns -o name)" ]]; }
# Stopping CoreDNS (a pod, not a process): no replica, until start_coredns applies its objects again.
stop_coredns() {
  kc -n kube-system scale deployment coredns --replicas=0 >/dev/null || fail "scaling coredns to 0"
  wait_for coredns 60 coredns_gone
}
# A restart applies the objects again, then replaces the pod (it reads its Corefile at start) and
# waits until the new one alone is Ready.
restart_coredns() {
  start_coredns
  kc -n kube-system rollout restart deployment coredns >/dev/null || fail "rollout restart of coredns"
  kc -n kube-system rollout status deployment coredns --timeout=120s >/dev/null || fail "coredns rollout not done after 120s"
  ready_coredns
}

# ------------------------------------------------------------------ whole cluster
fn_of() { echo "$1_${2//-/_}"; }   # fn_of start kube-proxy -> start_kube_proxy

smoke() {
  [[ "${K8SNET_SKIP_SMOKE:-}" != 1 ]] || return 0
  step "smoke test"
  local t0; t0="$(ts)"
  KUBECONFIG="$KUBECONFIG_ADMIN" KUBECTL="$KUBECTL" bash "$here/smoke.sh" >&2 || fail "smoke.sh failed"
  if ((NODES > 1)); then
    KUBECONFIG="$KUBECONFIG_ADMIN" KUBECTL="$KUBECTL" K8SNET_SMOKE_HOST_NODE_IP="$NODE_IP" bash "$here/smoke-nodes.sh" >&2 ||
      fail "smoke-nodes.sh failed"
  fi
  echo "up.sh:    smoke test passed after $(elapsed "$t0")s" >&2
}

publish() {
  echo "up.sh: images served by the local registry (127.0.0.1:5000, mirror of docker.io and registry.k8s.io):" >&2
  bash "$here/images.sh" list 2>/dev/null | sed 's/^/  /' >&2 || true
  echo "up.sh: done in $(elapsed "$T_START")s; logs in $LOGS; kubectl: $KUBECTL" >&2
  install -m 0600 "$KUBECONFIG_ADMIN" "$KUBECONFIG_PUBLISHED"
  trap - EXIT
  echo "KUBECONFIG=$KUBECONFIG_PUBLISHED"
}

up() {
  prepare
  host_network
  certificates
  FRESH_ETCD=1
  step etcd; start_etcd; ready_etcd
  step kube-apiserver; start_kube_apiserver; ready_kube_apiserver
  # The controller manager and the scheduler start together.
  step kube-controller-manager; start_kube_controller_manager
  step kube-scheduler; start_kube_scheduler
  ready_kube_controller_manager; ready_kube_scheduler
  local c
  for c in images containerd kubelet kube-proxy kube-router coredns; do
    step "$c"; "$(fn_of start "$c")"; "$(fn_of ready "$c")"
  done
  CURRENT="default ServiceAccount"; WAIT_LABEL="default ServiceAccount"
  wait_for kube-controller-manager 30 kc -n default get serviceaccount default
  local n
  for ((n = 2; n <= NODES; n++)); do
    step "node $n"; CURRENT_LOG=""
    bash "$here/node.sh" up "$n" || fail "node.sh up $n failed"
  done
  echo "up.sh: cluster up after $(elapsed "$T_START")s: $(kc get nodes --no-headers | awk '{print $1, $2, $5}' | paste -sd, -)" >&2
  smoke
  publish
}

# ------------------------------------------------------------------ one component alone
restart() {
  (($#)) || fail "restart needs a component: ${COMPONENTS[*]}"
  local c
  for c in "$@"; do
    [[ " ${COMPONENTS[*]} " == *" $c "* ]] ||
      fail "unknown component '$c'; restartable: ${COMPONENTS[*]} (network and certificates only with down.sh && up.sh)"
  done
  [[ -f "$KUBECONFIG_ADMIN" && -f "$KUBECONFIG_PUBLISHED" ]] ||
    fail "no running cluster in $STATE (no published kubeconfig): run up.sh"
  for c in "$@"; do
    step "restart $c"
    local t0; t0="$(ts)"
    if declare -F "$(fn_of restart "$c")" >/dev/null; then
      "$(fn_of restart "$c")"
    else
      if declare -F "$(fn_of stop "$c")" >/dev/null; then "$(fn_of stop "$c")"; else stop_components "$c"; fi
      "$(fn_of start "$c")"
      "$(fn_of ready "$c")"
    fi
    extra_nodes restart "$c"
    echo "up.sh: $c restarted in $(elapsed "$t0")s" >&2
  done
  trap - EXIT
}

# extra_nodes verb component: a node agent (containerd, kubelet, kube-proxy, kube-router) is stopped,
# started or restarted on every running extra node too, so a fault hits the whole cluster.
extra_nodes() {
  case "$2" in containerd | kubelet | kube-proxy | kube-router) ;; *) return 0 ;; esac
  local n
  for n in $(bash "$here/node.sh" running); do
    bash "$here/node.sh" "$1" "$n" "$2" || fail "node.sh $1 $n $2 failed"
  done
}

# up.sh stop|start <component>...: one half of a restart, for fault injection (tests stop a component,
# observe the cluster without it, start it again).
stop_or_start() {
  local verb="$1" c; shift
  (($#)) || fail "$verb needs a component: ${COMPONENTS[*]}"
  for c in "$@"; do
    [[ " ${COMPONENTS[*]} " == *" $c "* ]] || fail "unknown component '$c'; components: ${COMPONENTS[*]}"
  done
  [[ -f "$KUBECONFIG_ADMIN" && -f "$KUBECONFIG_PUBLISHED" ]] ||
    fail "no running cluster in $STATE (no published kubeconfig): run up.sh"
  for c in "$@"; do
    step "$verb $c"
    local t0; t0="$(ts)"
    if [[ $verb == stop ]]; then
      if declare -F "$(fn_of stop "$c")" >/dev/null; then "$(fn_of stop "$c")"; else stop_components "$c"; fi
    else
      "$(fn_of start "$c")"
      "$(fn_of ready "$c")"
    fi
    extra_nodes "$verb" "$c"
    echo "up.sh: $c: $verb done in $(elapsed "$t0")s" >&2
  done
  trap - EXIT
}

NODES="${K8SNET_NODES:-1}"
main() {
  if [[ "${1:-}" == --nodes ]]; then NODES="${2:-}"; shift 2 || true; set -- up "$@"; fi
  [[ "$NODES" =~ ^[1-9]$ ]] || { FAIL_REPORTED=1; echo "up.sh: the node count must be 1..9, not '$NODES' (--nodes / K8SNET_NODES)" >&2; exit 2; }
  case "${1:-up}" in
    up) up ;;
    restart) shift; restart "$@" ;;
    stop | start) stop_or_start "$@" ;;
    -h | --help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) FAIL_REPORTED=1; echo "usage: up.sh [restart|stop|start <component>...]; components: ${COMPONENTS[*]}" >&2; exit 2 ;;
  esac
}

main "$@"
