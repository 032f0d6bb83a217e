# shellcheck shell=bash
# Shared by the kubectl scripts of the benchmark (sourced, not run): kubectl in the context asked for,
# timing, bounded retries, and namespaces that are deleted on any exit, also when a step fails or
# the script is stopped.
#
#   KUBECONFIG=... [KUBECTL=kubectl] [BENCH_KUBE_CONTEXT=ctx]
set -Eeuo pipefail
kubectl=${KUBECTL:-kubectl}
context=${BENCH_KUBE_CONTEXT:-}
bound=180

# kubectl, in the context asked for (the kubeconfig's current one otherwise).
kc() { "$kubectl" ${context:+--context "$context"} "$@"; }

now_ms() { date +%s%3N; }
phase() { printf 'phase %s %d\n' "$1" "$2"; }

# Runs "$@" until it succeeds, at most $bound seconds.
retry() {
  local deadline=$(( $(date +%s) + bound ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "timed out: $*" >&2; return 1; fi
    sleep 0.2
  done
}

# The namespaces of the run in progress, deleted on any exit.
live_namespaces=()
cleanup() {
  local rc=$? ns
  for ns in "${live_namespaces[@]}"; do
    kc delete namespace "$ns" --ignore-not-found --wait=true --timeout=${bound}s >/dev/null 2>&1 ||
      echo "could not delete namespace $ns" >&2
  done
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# A fresh name for this script's namespaces.
namespace_name() { printf 'k8snet-bench-kubectl-%s%s' "$RANDOM" "$RANDOM"; }

# Creates namespace $1, labelled as ours (and with the further labels "$@" after it), and waits for its
# default ServiceAccount (before it, no pod can be created).
create_namespace() {
  local ns=$1; shift
  live_namespaces+=("$ns")
  kc create namespace "$ns" >/dev/null
  kc label namespace "$ns" app.kubernetes.io/managed-by=k8s-net-test k8s-net-test.io/run-id=kubectl-baseline "$@" >/dev/null
  retry kc -n "$ns" get serviceaccount default
}

# Deletes the namespaces "$@" and waits until they are gone.
delete_namespaces() {
  kc delete namespace "$@" --wait=true --timeout=${bound}s >/dev/null
  local ns keep=()
  for ns in "${live_namespaces[@]}"; do
    [[ " $* " == *" $ns "* ]] || keep+=("$ns")
  done
  live_namespaces=("${keep[@]}")
}
