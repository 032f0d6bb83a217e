# Shared by smoke.sh and smoke-nodes.sh (sourced): a namespace-scoped kubectl, bounded polling, the
# default-deny ingress policy. The sourcing script sets KUBECTL, NS, T0 and NAME (its log prefix) and
# may define diag (printed on failure).
# shellcheck shell=bash
k() { "$KUBECTL" -n "$NS" "$@"; }
say() { echo "$NAME: [$((SECONDS - T0))s] $*"; }
fail() {
  echo "$NAME: FAILED: $*" >&2
  if declare -F diag >/dev/null; then diag >&2; fi
  exit 1
}
# poll seconds description cmd... : retry cmd every second until it succeeds or time is up.
poll() {
  local secs="$1" what="$2"; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "$what (after ${secs}s)"
    sleep 1
  done
}
# No pod of the namespace accepts any ingress.
apply_default_deny_ingress() {
  k apply -f - >/dev/null <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress}
spec:
  podSelector: {}
  policyTypes: [Ingress]
YAML
}
