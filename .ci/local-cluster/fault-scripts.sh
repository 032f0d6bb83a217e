#!/usr/bin/env bash
# The cluster scripts under faults (.ci/run runs this after the tests, on the running cluster):
#   1. components killed with kill -9 (etcd, kubelet, kube-router, and on node 2, if there is one, its
#      kubelet and namespace holder): up.sh recovers, no down.sh by hand;
#   2. down.sh twice in a row: both succeed, and nothing is left (check-clean.sh after each);
#   3. up.sh killed with kill -9 half way (control plane started, node not; with K8SNET_NODES > 1 a
#      second time while node 2 starts): down.sh cleans it all.
# Leaves the cluster down. Exits 1 naming the step that failed.   fault-scripts.sh
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
log="$STATE/fault-scripts.log"
: >"$log"
step() { printf '[fault-scripts %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { step "FAILED: $*  (log: $log)"; tail -n 30 "$log" >&2; exit 1; }
kill_component() { # name [pid dir]
  local pid
  pid="$(cat "${2:-$PIDS}/$1.pid" 2>/dev/null)" || die "no PID file for $1 in ${2:-$PIDS}: is the cluster up?"
  kill -9 "$pid" || die "kill -9 $1 ($pid)"
}
nodes="${K8SNET_NODES:-1}"

step "1. kill -9 etcd, kubelet and kube-router; up.sh must bring the cluster back"
for c in etcd kubelet kube-router; do kill_component "$c"; done
if ((nodes > 1)); then
  for c in kubelet holder; do kill_component "$c" "$NODES_DIR/node2/pids"; done
fi
t0=$(date +%s)
bash "$here/up.sh" >>"$log" 2>&1 || die "up.sh after kill -9"
tail -n 1 "$log" | grep -q '^KUBECONFIG=' || die "up.sh printed no KUBECONFIG line"
step "   up again in $(( $(date +%s) - t0 ))s (smoke test included)"

step "2. down.sh twice, nothing left after either"
for i in 1 2; do
  bash "$here/down.sh" >>"$log" 2>&1 || die "down.sh (run $i)"
  bash "$here/check-clean.sh" >>"$log" 2>&1 || die "check-clean.sh after down.sh run $i"
done

step "3. up.sh killed half way; down.sh cleans up"
K8SNET_SKIP_SMOKE=1 bash "$here/up.sh" >>"$log" 2>&1 &
up=$!
for _ in $(seq 1 600); do
  component_running kube-apiserver && break
  kill -0 "$up" 2>/dev/null || die "up.sh ended before the API server started"
  sleep 0.1
done
component_running kube-apiserver || die "the API server did not start within 60s"
# kill -9 up.sh only: the processes it started keep running, as after a crash
kill -9 "$up"; wait "$up" 2>/dev/null
bash "$here/down.sh" >>"$log" 2>&1 || die "down.sh after a half-finished up.sh"
bash "$here/check-clean.sh" >>"$log" 2>&1 || die "check-clean.sh after a half-finished up.sh"
if ((nodes > 1)); then
  step "   again, up.sh killed while node 2 starts"
  K8SNET_SKIP_SMOKE=1 bash "$here/up.sh" >>"$log" 2>&1 &
  up=$!
  for _ in $(seq 1 1800); do
    [[ -f "$NODES_DIR/node2/pids/kubelet.pid" ]] && break
    kill -0 "$up" 2>/dev/null || die "up.sh ended before node 2's kubelet started"
    sleep 0.1
  done
  [[ -f "$NODES_DIR/node2/pids/kubelet.pid" ]] || die "node 2's kubelet did not start within 180s"
  pkill -9 -f "node.sh up 2" || true
  kill -9 "$up"; wait "$up" 2>/dev/null
  bash "$here/down.sh" >>"$log" 2>&1 || die "down.sh after up.sh was killed during node 2's start"
  bash "$here/check-clean.sh" >>"$log" 2>&1 || die "check-clean.sh after up.sh was killed during node 2's start"
fi
step "all three passed"
