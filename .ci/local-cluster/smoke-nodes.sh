#!/usr/bin/env bash
# Cross-node smoke test of a running cluster with two or more nodes, kubectl only. Pods are pinned
# with spec.nodeName to the first two Ready nodes (A and B):
#  - pod IP to pod IP across the nodes, both ways, with the client's source IP kept;
#  - a ClusterIP whose only endpoint is on the other node, both ways;
#  - DNS from a pod on B (CoreDNS may run on A) and the service by name;
#  - NetworkPolicy enforced on the target's node: default-deny ingress blocks a client on the other
#    node; allow-from-label admits only the labelled client on the other node.
# Env: KUBECONFIG, KUBECTL (default: kubectl), K8SNET_SMOKE_NS (default k8snet-smoke-nodes),
#      K8SNET_SMOKE_HOST_NODE_IP: set when this machine is node A at that address (up.sh): a NodePort
#      of A whose only endpoint is on B must answer a request from this machine (SNAT across nodes)
set -euo pipefail
KUBECTL="${KUBECTL:-kubectl}"
NS="${K8SNET_SMOKE_NS:-k8snet-smoke-nodes}"
AGNHOST="registry.k8s.io/e2e-test-images/agnhost:2.56"
T0=$SECONDS

NAME=smoke-nodes
# shellcheck source=smoke-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/smoke-lib.sh"
diag() { k get pods,svc,endpointslices,networkpolicies -o wide 2>&1 || true; }
cleanup() {
  k delete pod --all --grace-period=0 --force --wait=false >/dev/null 2>&1 || true
  "$KUBECTL" delete namespace "$NS" --ignore-not-found --wait=true --timeout=90s >/dev/null 2>&1 || true
}
trap cleanup EXIT

mapfile -t nodes < <("$KUBECTL" get nodes -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.status.conditions[?(@.type=="Ready")].status}{" "}{.spec.unschedulable}{"\n"}{end}' | awk '$2=="True" && $3!="true"{print $1}')
((${#nodes[@]} >= 2)) || fail "needs two Ready schedulable nodes, found: ${nodes[*]:-none}"
A="${nodes[0]}"; B="${nodes[1]}"

"$KUBECTL" delete namespace "$NS" --ignore-not-found --wait=true --timeout=90s >/dev/null
"$KUBECTL" create namespace "$NS" >/dev/null
poll 30 "default ServiceAccount in $NS" k get serviceaccount default

# pod name node image labels args...: a pod pinned to the node.
pod() {
  local name="$1" node="$2" image="$3" labels="$4"; shift 4
  k run "$name" --image="$image" --restart=Never --labels="$labels" \
    --overrides="{\"apiVersion\":\"v1\",\"spec\":{\"nodeName\":\"$node\"}}" -- "$@" >/dev/null
}
pod server-a "$A" "$AGNHOST" app=server-a netexec --http-port=8080
pod server-b "$B" "$AGNHOST" app=server-b netexec --http-port=8080
pod client-a "$A" busybox role=client sleep 3600
pod client-b "$B" busybox role=client sleep 3600
pod client-a-ok "$A" busybox role=client,access=true sleep 3600
k expose pod server-a --port=80 --target-port=8080 >/dev/null
k expose pod server-b --port=80 --target-port=8080 >/dev/null
k wait --for=condition=Ready pod --all --timeout=120s >/dev/null || fail "pods not Ready"
say "pods Ready on $A and $B"

ip_of() { k get pod "$1" -o jsonpath='{.status.podIP}'; }
node_of() { k get pod "$1" -o jsonpath='{.spec.nodeName}'; }
[[ "$(node_of server-b)" == "$B" && "$(node_of client-a)" == "$A" ]] || fail "pods not on the nodes they were pinned to"
# fetch client url: the body (5 s timeout).
fetch() { k exec "$1" -- wget -q -O- -T 5 "$2" 2>/dev/null; }
# clientip client url: the server saw the client's pod IP as the source.
clientip() { fetch "$1" "$2/clientip" | grep -q "^$(ip_of "$1"):"; }
blocked() { ! k exec "$1" -- wget -q -O- -T 3 "$2/hostname" >/dev/null 2>&1; }
answers() { fetch "$1" "$2/hostname" | grep -qx "$3"; }

# ------------------------------------------------------------------ pod IP, both ways
poll 30 "client-a ($A) -> server-b pod IP, source kept" clientip client-a "http://$(ip_of server-b):8080"
poll 30 "client-b ($B) -> server-a pod IP, source kept" clientip client-b "http://$(ip_of server-a):8080"
say "pod IP to pod IP across nodes, both ways, source IP kept"

# ------------------------------------------------------------------ ClusterIP, endpoint on the other node
CIP_A="$(k get svc server-a -o jsonpath='{.spec.clusterIP}')"; CIP_B="$(k get svc server-b -o jsonpath='{.spec.clusterIP}')"
poll 30 "client-a ($A) -> ClusterIP of server-b" answers client-a "http://$CIP_B" server-b
poll 30 "client-b ($B) -> ClusterIP of server-a" answers client-b "http://$CIP_A" server-a
say "ClusterIP whose only endpoint is on the other node, both ways"

# ------------------------------------------------------------------ NodePort from outside the pod range
# K8SNET_SMOKE_HOST_NODE_IP (up.sh sets it): this machine is that node; its NodePort whose only endpoint
# is on the other node answers a request from the machine itself (forwarded with SNAT to the node's address).
if [[ -n "${K8SNET_SMOKE_HOST_NODE_IP:-}" ]]; then
  k expose pod server-b --name=server-b-np --type=NodePort --port=80 --target-port=8080 >/dev/null
  NP="$(k get svc server-b-np -o jsonpath='{.spec.ports[0].nodePort}')"
  host_fetch() { curl -fsS -m 3 "http://$K8SNET_SMOKE_HOST_NODE_IP:$NP/hostname" | grep -qx server-b; }
  poll 30 "NodePort $NP on $K8SNET_SMOKE_HOST_NODE_IP from this machine, endpoint on $B" host_fetch
  say "NodePort of $A whose only endpoint is on $B answers this machine (SNAT across nodes)"
fi

# ------------------------------------------------------------------ DNS from B
poll 30 "client-b ($B) -> server-a by name" answers client-b "http://server-a.$NS.svc.cluster.local" server-a
say "DNS and the service by name from $B (CoreDNS on $(k -n kube-system get pods -l k8s-app=kube-dns -o jsonpath='{.items[0].spec.nodeName}' 2>/dev/null || echo '?'))"

# ------------------------------------------------------------------ NetworkPolicy on the target's node
apply_default_deny_ingress
poll 30 "default-deny: client-a ($A) still reaches server-b ($B)" blocked client-a "http://$(ip_of server-b):8080"
blocked client-a "http://$CIP_B" || fail "default-deny: client-a got through the ClusterIP"
say "default-deny ingress blocks the other node's client"
k delete networkpolicy default-deny-ingress >/dev/null
k apply -f - >/dev/null <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-access}
spec:
  podSelector:
    matchLabels: {app: server-b}
  ingress:
  - from:
    - podSelector:
        matchLabels: {access: "true"}
YAML
poll 30 "allow-from-label: unlabelled client-a not blocked" blocked client-a "http://$CIP_B"
poll 30 "allow-from-label: client-a-ok not admitted" answers client-a-ok "http://$CIP_B" server-b
say "allow-from-label admits only the labelled client of the other node"

trap - EXIT
cleanup
echo "smoke-nodes: PASSED in $((SECONDS - T0))s ($A, $B)"
