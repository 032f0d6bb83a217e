#!/usr/bin/env bash
# Brings up a real single-node Kubernetes cluster from host processes (like upstream
# hack/local-up-cluster.sh): etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
# containerd + runc + CNI bridge, kubelet, kube-proxy (iptables), kube-router (NetworkPolicy
# firewall only) and CoreDNS (a pod). Idempotent: cleans leftovers first (down.sh).
#
# Env: K8SNET_LOCAL_CLUSTER_DIR (default /var/tmp/k8snet-local-cluster): state, logs, pids, bin/kubectl
#      K8SNET_CACHE_DIR (default /var/cache/k8snet): binary cache, registry storage
#      K8SNET_SKIP_SMOKE=1: do not run smoke.sh at the end
#      K8SNET_SKIP_IMAGES=1: do not run images.sh start (debugging only: pods need the images)
# Last line printed on success: KUBECONFIG=<path of the admin kubeconfig>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
# shellcheck source=pki.sh
source "$here/pki.sh"
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

T_START="$(ts)"
CURRENT="setup"
CURRENT_LOG=""

fail() {
  FAIL_REPORTED=1
  echo "up.sh: FAILED at $CURRENT: $*" >&2
  if [[ -n "$CURRENT_LOG" && -f "$CURRENT_LOG" ]]; then
    echo "---- last lines of $CURRENT_LOG ----" >&2
    tail -n 40 "$CURRENT_LOG" >&2
    echo "----" >&2
  fi
  exit 1
}
FAIL_REPORTED=0
trap 'rc=$?; if ((rc != 0 && FAIL_REPORTED == 0)); then echo "up.sh: error (exit $rc) at $CURRENT, line $LINENO" >&2; [[ -n "$CURRENT_LOG" && -f "$CURRENT_LOG" ]] && { echo "---- last lines of $CURRENT_LOG ----" >&2; tail -n 40 "$CURRENT_LOG" >&2; }; fi' EXIT

step() { CURRENT="$1"; CURRENT_LOG="${2:-}"; echo "up.sh: == $1" >&2; }

# start name cmd... : runs cmd detached (own session), logs to $LOGS/name.log, PID in $PIDS/name.pid
start() {
  local name="$1"; shift
  local log="$LOGS/$name.log"
  CURRENT_LOG="$log"
  echo "up.sh:    starting $name" >&2
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDS/$name.pid" "$@" >"$log" 2>&1 </dev/null &
  local i
  for i in $(seq 1 50); do [[ -s "$PIDS/$name.pid" ]] && break; sleep 0.1; done
}

# wait_for name timeout-seconds cmd... : polls cmd until it succeeds; fails with the log tail.
wait_for() {
  local name="$1" timeout="$2"; shift 2
  local t0 pidf="$PIDS/$name.pid"
  t0="$(ts)"
  local deadline=$((SECONDS + timeout))
  while ! "$@" >/dev/null 2>&1; do
    if [[ -f "$pidf" ]] && ! pid_alive "$pidf"; then fail "$name exited"; fi
    if ((SECONDS >= deadline)); then fail "$name not ready after ${timeout}s"; fi
    sleep 0.5
  done
  echo "up.sh:    ${WAIT_LABEL:-$name} ready after $(elapsed "$t0")s" >&2
  WAIT_LABEL=""
}

kc() { "$KUBECTL" --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }

in_cidr() { # ip cidr -> 0 if ip is inside cidr
  local ip="$1" net="${2%/*}" bits="${2#*/}" a b c d n1 n2
  IFS=. read -r a b c d <<<"$ip"; n1=$(((a << 24) | (b << 16) | (c << 8) | d))
  IFS=. read -r a b c d <<<"$net"; n2=$(((a << 24) | (b << 16) | (c << 8) | d))
  local mask=$(((0xffffffff << (32 - bits)) & 0xffffffff))
  (((n1 & mask) == (n2 & mask)))
}

# ---------------------------------------------------------------- 0. leftovers, packages, binaries
step "cleanup of an earlier run"
bash "$here/down.sh" --quiet || fail "down.sh failed"

step "packages"
bash "$here/install-deps.sh" || fail "install-deps.sh failed"

step "binaries"
t0="$(ts)"
bash "$here/build.sh" 2>"$STATE.build.err" || { cat "$STATE.build.err" >&2; fail "build.sh failed"; }
grep -v '^build.sh: binaries in\|^  /' "$STATE.build.err" >&2 || true
rm -f "$STATE.build.err"
echo "up.sh:    binaries ready after $(elapsed "$t0")s ($BIN)" >&2

mkdir -p "$STATE" "$LOGS" "$PIDS" "$STATE/bin" "$RUN_DIR" "$KUBELET_DIR" "$CNI_CONF_DIR" "$CNI_DATA_DIR" "$CONTAINERD_ROOT"
install -m 0755 "$(bin_of kubectl)" "$KUBECTL"

# ---------------------------------------------------------------- 1. host network
step "host network"
OUT_IF="$(outward_iface)"
for r in "$POD_CIDR" "$SERVICE_CIDR" "$NODE_IP/32"; do
  if [[ -n "$(ip -4 route show table all root "$r" 2>/dev/null | grep -v "^unreachable\|^local $NODE_IP\|dev $BRIDGE\|dev $NODE_IFACE")" ]]; then
    fail "range $r overlaps routes already on this machine: $(ip -4 route show table all root "$r")"
  fi
done
for ns in $(awk '/^nameserver/ {print $2}' /etc/resolv.conf 2>/dev/null | grep -E '^[0-9.]+$' || true); do
  for r in "$POD_CIDR" "$SERVICE_CIDR" "$NODE_IP/32"; do
    in_cidr "$ns" "$r" && fail "resolver $ns lies inside $r"
  done
done
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
if [[ -n "$OUT_IF" ]]; then
  iptables -t mangle -N K8SNET-EGRESS 2>/dev/null || iptables -t mangle -F K8SNET-EGRESS
  iptables -t mangle -A K8SNET-EGRESS -s "$POD_CIDR" -o "$OUT_IF" -j DROP
  iptables -t mangle -A K8SNET-EGRESS -s "$SERVICE_CIDR" -o "$OUT_IF" -j DROP
  iptables -t mangle -A K8SNET-EGRESS -d "$POD_CIDR" -o "$OUT_IF" -j DROP
  iptables -t mangle -A K8SNET-EGRESS -d "$SERVICE_CIDR" -o "$OUT_IF" -j DROP
  iptables -t mangle -C FORWARD -j K8SNET-EGRESS 2>/dev/null || iptables -t mangle -I FORWARD 1 -j K8SNET-EGRESS
  echo "up.sh:    outward interface $OUT_IF: forwarded pod/service traffic to it is dropped" >&2
fi
# Pods talk to each other and to the node through our bridge; accept that even if FORWARD's policy is DROP.
iptables -N K8SNET-FORWARD 2>/dev/null || iptables -F K8SNET-FORWARD
iptables -A K8SNET-FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT
iptables -C FORWARD -j K8SNET-FORWARD 2>/dev/null || iptables -A FORWARD -j K8SNET-FORWARD

# ---------------------------------------------------------------- 2. certificates
step "certificates"
pki_all

# ---------------------------------------------------------------- 3. etcd
step "etcd"
rm -rf "$STATE/etcd"; mkdir -p "$STATE/etcd"; chmod 700 "$STATE/etcd"
start etcd "$(bin_of etcd)" --name k8snet --data-dir "$STATE/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "k8snet=http://127.0.0.1:$ETCD_PEER_PORT" --unsafe-no-fsync --log-level warn
wait_for etcd 30 sh -c "curl -fsS http://127.0.0.1:$ETCD_CLIENT_PORT/health | grep -q '\"health\":\"true\"'"

# ---------------------------------------------------------------- 4. kube-apiserver
step "kube-apiserver"
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
wait_for kube-apiserver 90 sh -c "curl -fsS --cacert '$PKI/ca.crt' '$API_SERVER/readyz' | grep -qx ok"

# RBAC for kube-router (k3s gives its embedded netpol controller similar read access).
kc apply -f - >/dev/null <<EOF
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "k8snet:kube-router"}
rules:
- apiGroups: [""]
  resources: [namespaces, pods, services, endpoints, nodes]
  verbs: [get, list, watch]
- apiGroups: [networking.k8s.io]
  resources: [networkpolicies]
  verbs: [get, list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [get, list, watch]
- apiGroups: ["", events.k8s.io]
  resources: [events]
  verbs: [create, patch, update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "k8snet:kube-router"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "k8snet:kube-router"}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: "k8snet:kube-router"}
EOF

# ---------------------------------------------------------------- 5. controller-manager, scheduler
step "kube-controller-manager"
start kube-controller-manager "$(bin_of kube-controller-manager)" \
  --kubeconfig="$STATE/controller-manager.kubeconfig" \
  --authentication-kubeconfig="$STATE/controller-manager.kubeconfig" \
  --authorization-kubeconfig="$STATE/controller-manager.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port=10257 \
  --controllers='*' --leader-elect=false --use-service-account-credentials=true \
  --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
  --root-ca-file="$PKI/ca.crt" --service-account-private-key-file="$PKI/sa.key" \
  --allocate-node-cidrs=true --cluster-cidr="$POD_CIDR" --node-cidr-mask-size=24 \
  --service-cluster-ip-range="$SERVICE_CIDR" --configure-cloud-routes=false --v=1
step "kube-scheduler"
start kube-scheduler "$(bin_of kube-scheduler)" \
  --kubeconfig="$STATE/scheduler.kubeconfig" \
  --authentication-kubeconfig="$STATE/scheduler.kubeconfig" \
  --authorization-kubeconfig="$STATE/scheduler.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port=10259 --leader-elect=false --v=1
CURRENT_LOG="$LOGS/kube-controller-manager.log"
wait_for kube-controller-manager 60 sh -c "curl -fsSk https://127.0.0.1:10257/healthz | grep -qx ok"
CURRENT_LOG="$LOGS/kube-scheduler.log"
wait_for kube-scheduler 60 sh -c "curl -fsSk https://127.0.0.1:10259/healthz | grep -qx ok"

# ---------------------------------------------------------------- 6. images (local registry)
step "images" "$STATE/registry/registry.log"
t0="$(ts)"
[[ -f "$here/images.sh" ]] || fail "images.sh missing"
if [[ "${K8SNET_SKIP_IMAGES:-}" == 1 ]]; then
  echo "up.sh:    K8SNET_SKIP_IMAGES=1: not running images.sh start" >&2
else
  CURRENT_LOG="$LOGS/images.log"
  bash "$here/images.sh" start >"$LOGS/images.log" 2>&1 </dev/null || fail "images.sh start failed"
fi
echo "up.sh:    images ready after $(elapsed "$t0")s" >&2

# ---------------------------------------------------------------- 7. containerd
step "containerd"
mkdir -p "$(dirname "$CONTAINERD_SOCK")" "$CONTAINERD_STATE"
# docker.io and registry.k8s.io, and (_default) every other registry a manifest may name, resolve to
# the local registry. server = the local registry: a pull never falls back to the real host, and an
# image the local registry lacks fails at once with ErrImagePull (NotFound).
rm -rf "$STATE/containerd/certs.d"; mkdir -p "$STATE/containerd/certs.d"
for host in docker.io registry.k8s.io _default; do
  mkdir -p "$STATE/containerd/certs.d/$host"
  cat >"$STATE/containerd/certs.d/$host/hosts.toml" <<EOF
server = "http://127.0.0.1:5000"

[host."http://127.0.0.1:5000"]
  capabilities = ["pull", "resolve"]
EOF
done
cat >"$STATE/containerd/config.toml" <<EOF
version = 2
root = "$CONTAINERD_ROOT"
state = "$CONTAINERD_STATE"
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.tracing.processor.v1.otlp"]

[grpc]
  address = "$CONTAINERD_SOCK"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10.1"
  enable_selinux = false
  # Root here lacks CAP_SYS_RESOURCE: negative OOM scores (sandboxes get -998, Guaranteed pods -997)
  # cannot be set, and runc fails ("can't get final child's PID from pipe"). Clamp them at ours.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$RUN_DIR/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$CNI_BIN_DIR"
    conf_dir = "$CNI_CONF_DIR"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$STATE/containerd/certs.d"
EOF
# CNI: one bridge, host-local addresses from the node's /24, no masquerade (nothing leaves).
cat >"$CNI_CONF_DIR/10-k8snet.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "k8snet",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$CNI_DATA_DIR",
        "ranges": [[{"subnet": "$NODE_POD_CIDR", "gateway": "$POD_GATEWAY"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
EOF
start containerd /usr/bin/containerd --config "$STATE/containerd/config.toml"
wait_for containerd 30 ctr --address "$CONTAINERD_SOCK" version

# ---------------------------------------------------------------- 8. kubelet
step "kubelet"
cat >"$STATE/kubelet-config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization:
  mode: Webhook
cgroupDriver: cgroupfs
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
clusterDNS: [$DNS_SERVICE_IP]
clusterDomain: $CLUSTER_DOMAIN
resolvConf: ""
failSwapOn: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
podLogsDir: $STATE/pod-logs
serializeImagePulls: false
rotateCertificates: false
EOF
start kubelet "$(bin_of kubelet)" --config="$STATE/kubelet-config.yaml" \
  --kubeconfig="$STATE/kubelet.kubeconfig" --hostname-override="$NODE_NAME" --node-ip="$NODE_IP" \
  --root-dir="$KUBELET_DIR" --v=1
wait_for kubelet 60 sh -c "curl -fsS http://127.0.0.1:10248/healthz | grep -qx ok"
CURRENT="node Ready"; WAIT_LABEL="node $NODE_NAME"
wait_for kubelet 120 sh -c "'$KUBECTL' --kubeconfig '$KUBECONFIG_ADMIN' get node '$NODE_NAME' -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
CURRENT="node podCIDR"; WAIT_LABEL="node podCIDR"
wait_for kube-controller-manager 60 sh -c "'$KUBECTL' --kubeconfig '$KUBECONFIG_ADMIN' get node '$NODE_NAME' -o jsonpath='{.spec.podCIDR}' | grep -q ."
node_cidr="$(kc get node "$NODE_NAME" -o jsonpath='{.spec.podCIDR}')"
[[ "$node_cidr" == "$NODE_POD_CIDR" ]] || fail "node podCIDR is '$node_cidr', CNI uses $NODE_POD_CIDR"

# ---------------------------------------------------------------- 9. kube-proxy
step "kube-proxy"
cat >"$STATE/kube-proxy-config.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection:
  kubeconfig: $STATE/kube-proxy.kubeconfig
mode: iptables
clusterCIDR: $POD_CIDR
hostnameOverride: $NODE_NAME
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
nodePortAddresses: ["$NODE_IP/32"]
conntrack:
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
iptables:
  masqueradeAll: false
  localhostNodePorts: false
EOF
start kube-proxy "$(bin_of kube-proxy)" --config="$STATE/kube-proxy-config.yaml" --v=1
wait_for kube-proxy 60 sh -c "curl -fsS http://127.0.0.1:10256/healthz >/dev/null && iptables -t nat -S KUBE-SERVICES | grep -q 'default/kubernetes:https'"

# ---------------------------------------------------------------- 10. kube-router (NetworkPolicy)
step "kube-router"
# shellcheck disable=SC2046
start kube-router $(kube_router_cmd)
wait_for kube-router 60 sh -c "curl -fsS http://127.0.0.1:$KUBE_ROUTER_HEALTH_PORT/healthz >/dev/null && iptables -S KUBE-ROUTER-FORWARD"

# ---------------------------------------------------------------- 11. CoreDNS (a pod running the cached binary)
step "coredns"
coredns_dir="$(dirname "$(bin_of coredns)")"
kc apply -f - >/dev/null <<EOF
apiVersion: v1
kind: ServiceAccount
metadata: {name: coredns, namespace: kube-system}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:coredns"}
rules:
- apiGroups: [""]
  resources: [endpoints, services, pods, namespaces]
  verbs: [list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:coredns"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:coredns"}
subjects:
- {kind: ServiceAccount, name: coredns, namespace: kube-system}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data:
  # cluster.local only: no forward plugin, nothing is asked outside the cluster.
  Corefile: |
    .:53 {
        errors
        health :8080
        ready :8181
        kubernetes $CLUSTER_DOMAIN in-addr.arpa ip6.arpa {
            pods insecure
            fallthrough in-addr.arpa ip6.arpa
            ttl 30
        }
        cache 30
        loadbalance
    }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: kube-system
  labels: {k8s-app: kube-dns, kubernetes.io/name: CoreDNS}
spec:
  replicas: 1
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata:
      labels: {k8s-app: kube-dns}
    spec:
      priorityClassName: system-cluster-critical
      serviceAccountName: coredns
      dnsPolicy: Default
      tolerations: [{key: CriticalAddonsOnly, operator: Exists}]
      containers:
      - name: coredns
        # CoreDNS $COREDNS_VERSION built by build.sh, run from the host's binary cache on a busybox base.
        image: docker.io/library/busybox:1.35.0
        imagePullPolicy: IfNotPresent
        command: [/coredns/coredns, -conf, /etc/coredns/Corefile]
        ports:
        - {name: dns, containerPort: 53, protocol: UDP}
        - {name: dns-tcp, containerPort: 53, protocol: TCP}
        readinessProbe:
          httpGet: {path: /ready, port: 8181}
          periodSeconds: 2
        livenessProbe:
          httpGet: {path: /health, port: 8080}
          initialDelaySeconds: 10
        resources:
          requests: {cpu: 50m, memory: 70Mi}
        volumeMounts:
        - {name: config, mountPath: /etc/coredns, readOnly: true}
        - {name: bin, mountPath: /coredns, readOnly: true}
      volumes:
      - name: config
        configMap: {name: coredns}
      - name: bin
        hostPath: {path: $coredns_dir, type: Directory}
---
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  labels: {k8s-app: kube-dns, kubernetes.io/name: CoreDNS}
spec:
  selector: {k8s-app: kube-dns}
  clusterIP: $DNS_SERVICE_IP
  ports:
  - {name: dns, port: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, protocol: TCP}
EOF
CURRENT_LOG="$LOGS/kubelet.log"
wait_for coredns 120 sh -c "'$KUBECTL' --kubeconfig '$KUBECONFIG_ADMIN' -n kube-system get pods -l k8s-app=kube-dns -o jsonpath='{.items[*].status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
CURRENT="default ServiceAccount"; WAIT_LABEL="default ServiceAccount"
wait_for kube-controller-manager 30 "$KUBECTL" --kubeconfig "$KUBECONFIG_ADMIN" -n default get serviceaccount default

echo "up.sh: cluster up after $(elapsed "$T_START")s: $(kc get node "$NODE_NAME" --no-headers | awk '{print $1, $2, $5}')" >&2

# ---------------------------------------------------------------- 12. smoke test
if [[ "${K8SNET_SKIP_SMOKE:-}" != 1 ]]; then
  step "smoke test"
  t0="$(ts)"
  KUBECONFIG="$KUBECONFIG_ADMIN" KUBECTL="$KUBECTL" bash "$here/smoke.sh" >&2 || fail "smoke.sh failed"
  echo "up.sh:    smoke test passed after $(elapsed "$t0")s" >&2
fi

echo "up.sh: images served by the local registry (127.0.0.1:5000, mirror of docker.io and registry.k8s.io):" >&2
bash "$here/images.sh" list 2>/dev/null | sed 's/^/  /' >&2 || true
echo "up.sh: done in $(elapsed "$T_START")s; logs in $LOGS; kubectl: $KUBECTL" >&2
install -m 0600 "$KUBECONFIG_ADMIN" "$KUBECONFIG_PUBLISHED"
trap - EXIT
echo "KUBECONFIG=$KUBECONFIG_PUBLISHED"
