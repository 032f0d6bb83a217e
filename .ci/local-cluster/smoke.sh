#!/usr/bin/env bash
# Smoke test of a running cluster, with kubectl only (works against any cluster with a
# NetworkPolicy-enforcing CNI that pulls `nginx` and `busybox`):
#  - nginx Deployment (2 replicas, image `nginx`), exposed as a ClusterIP Service;
#  - a busybox pod fetches the welcome page through the ClusterIP and through
#    <svc>.<ns>.svc.cluster.local;
#  - deleting one nginx pod: the EndpointSlice drops its IP and gains the replacement's;
#  - a request to an unused service-range address fails at once (nothing leaves the machine);
#  - NetworkPolicy: default-deny ingress blocks the client; allow-from-label (access=true)
#    admits only the labelled client.
# Env: KUBECONFIG (required unless kubectl finds one), KUBECTL (default: kubectl),
#      K8SNET_SMOKE_NS (default k8snet-smoke), K8SNET_SMOKE_UNUSED_IP (default 10.96.255.254)
set -euo pipefail
KUBECTL="${KUBECTL:-kubectl}"
NS="${K8SNET_SMOKE_NS:-k8snet-smoke}"
UNUSED_IP="${K8SNET_SMOKE_UNUSED_IP:-10.96.255.254}"
WELCOME='<title>Welcome to nginx!</title>'
T0=$SECONDS

NAME=smoke
# shellcheck source=smoke-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/smoke-lib.sh"
diag() {
  echo "---- diagnostics ----"
  k get pods,svc,endpointslices,networkpolicies -o wide 2>&1 || true
  k get events --sort-by=.lastTimestamp 2>&1 | tail -n 20 || true
}


# fetch client url: prints the page; exit status of wget (5 s timeout).
fetch() { k exec "$1" -- wget -q -O- -T 5 "$2" 2>/dev/null; }
reaches() { fetch "$1" "$2" | grep -qF "$WELCOME"; }
blocked() { ! k exec "$1" -- wget -q -O- -T 3 "$2" >/dev/null 2>&1; }
ready_ips() {
  k get endpointslices -l kubernetes.io/service-name=my-nginx \
    -o jsonpath='{range .items[*].endpoints[?(@.conditions.ready==true)]}{.addresses[0]}{"\n"}{end}' | sort
}

cleanup() {
  # busybox `sleep` ignores SIGTERM: do not wait out the grace period.
  k delete deployment,pod --all --grace-period=0 --force --wait=false >/dev/null 2>&1 || true
  "$KUBECTL" delete namespace "$NS" --ignore-not-found --wait=true --timeout=90s >/dev/null 2>&1 || true
}
trap cleanup EXIT

# ------------------------------------------------------------------ setup
if "$KUBECTL" get namespace "$NS" >/dev/null 2>&1; then
  say "removing namespace $NS left by an earlier run"
  "$KUBECTL" delete namespace "$NS" --wait=true --timeout=90s >/dev/null
fi
"$KUBECTL" create namespace "$NS" >/dev/null
poll 30 "default ServiceAccount in $NS" k get serviceaccount default

k create deployment my-nginx --image=nginx --replicas=2 --port=80 >/dev/null
k expose deployment my-nginx --port=80 >/dev/null
# Two busybox clients, exactly as the walkthrough starts them; one labelled for the allow policy.
k run load-generator --image=busybox --restart=Never -- sleep 3600 >/dev/null
k run load-generator-ok --image=busybox --restart=Never --labels=access=true -- sleep 3600 >/dev/null
k rollout status deployment/my-nginx --timeout=180s >/dev/null || fail "nginx rollout"
k wait --for=condition=Ready pod/load-generator pod/load-generator-ok --timeout=120s >/dev/null || fail "clients not Ready"
say "nginx (2 replicas) and busybox clients are Ready"

# ------------------------------------------------------------------ ClusterIP and DNS
CIP="$(k get svc my-nginx -o jsonpath='{.spec.clusterIP}')"
poll 30 "welcome page through ClusterIP $CIP" reaches load-generator "http://$CIP/"
say "welcome page through ClusterIP $CIP"
FQDN="my-nginx.$NS.svc.cluster.local"
poll 30 "welcome page through $FQDN" reaches load-generator "http://$FQDN/"
say "welcome page through $FQDN"

# ------------------------------------------------------------------ endpoints follow pods
two_ready() { [[ "$(ready_ips | grep -c .)" == 2 ]]; }
poll 30 "2 ready endpoints" two_ready
victim="$(k get pods -l app=my-nginx -o jsonpath='{.items[0].metadata.name}')"
victim_ip="$(k get pod "$victim" -o jsonpath='{.status.podIP}')"
k delete pod "$victim" --wait=false >/dev/null
say "deleted $victim ($victim_ip)"
endpoints_replaced() {
  local ips; ips="$(ready_ips)"
  [[ "$(echo "$ips" | grep -c .)" == 2 ]] || return 1
  ! echo "$ips" | grep -qx "$victim_ip" || return 1
  local new_ips
  new_ips="$(k get pods -l app=my-nginx \
    -o jsonpath='{range .items[*]}{.metadata.name} {.status.podIP} {.metadata.deletionTimestamp}{"\n"}{end}' |
    awk -v v="$victim" '$1 != v && NF == 2 {print $2}' | sort)"
  [[ "$ips" == "$new_ips" ]]
}
deadline=$((SECONDS + 90))
until endpoints_replaced; do ((SECONDS < deadline)) || fail "endpoints did not replace $victim_ip"; sleep 1; done
say "endpoints dropped $victim_ip and now list: $(ready_ips | tr '\n' ' ')"
poll 30 "welcome page after the replacement" reaches load-generator "http://$CIP/"

# ------------------------------------------------------------------ nothing leaves
if "$KUBECTL" get svc -A -o jsonpath='{..clusterIP}' | tr ' ' '\n' | grep -qx "$UNUSED_IP"; then
  fail "$UNUSED_IP is in use, set K8SNET_SMOKE_UNUSED_IP"
fi
out="$(k exec load-generator -- sh -c "s=\$(date +%s); wget -q -O- -T 10 http://$UNUSED_IP/ >/dev/null 2>/tmp/err; rc=\$?; e=\$(date +%s); echo rc=\$rc secs=\$((e - s)) \$(sed 's/[^ -~]//g' /tmp/err)" 2>&1)" || true
rc="$(echo "$out" | sed -n 's/.*rc=\([0-9]*\).*/\1/p')"; secs="$(echo "$out" | sed -n 's/.*secs=\([0-9]*\).*/\1/p')"
[[ -n "$rc" && "$rc" != 0 ]] || fail "request to unused service IP $UNUSED_IP did not fail: $out"
((secs <= 2)) || fail "request to unused service IP $UNUSED_IP took ${secs}s to fail (should fail at once): $out"
say "unused service IP $UNUSED_IP fails at once: $out"

# ------------------------------------------------------------------ NetworkPolicy
apply_default_deny_ingress
poll 30 "default-deny ingress did not block load-generator" blocked load-generator "http://$CIP/"
# Stays blocked (not a fluke of one probe).
blocked load-generator "http://$FQDN/" || fail "default-deny ingress: load-generator got through by name"
say "default-deny ingress blocks load-generator"
k delete networkpolicy default-deny-ingress >/dev/null
poll 30 "load-generator not admitted again after deleting default-deny" reaches load-generator "http://$CIP/"
say "deleting the policy lets load-generator through again"

k apply -f - >/dev/null <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: access-nginx}
spec:
  podSelector:
    matchLabels: {app: my-nginx}
  ingress:
  - from:
    - podSelector:
        matchLabels: {access: "true"}
EOF
poll 30 "allow-from-label did not block the unlabelled client" blocked load-generator "http://$CIP/"
poll 30 "allow-from-label did not admit the labelled client" reaches load-generator-ok "http://$CIP/"
reaches load-generator-ok "http://$FQDN/" || fail "labelled client not admitted by name"
blocked load-generator "http://$FQDN/" || fail "unlabelled client got through by name"
say "allow-from-label admits only the access=true client"

trap - EXIT
cleanup
say "namespace $NS removed"
echo "smoke: PASSED in $((SECONDS - T0))s"
