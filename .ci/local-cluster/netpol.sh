#!/usr/bin/env bash
# Turns NetworkPolicy enforcement of the running local cluster off or on (for tests that must see a
# cluster without enforcement, e.g. the extension's canary):
#   netpol.sh off     stop kube-router and remove its iptables rules and ipsets
#   netpol.sh on      start kube-router again (waits until healthy)
#   netpol.sh status  prints "on" or "off"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

case "${1:-}" in
  off)
    QUIET=1 stop_components kube-router
    kube_router_cleanup
    echo "netpol: off (kube-router stopped, its rules removed)" >&2 ;;
  on)
    [[ -f "$STATE/kube-router.kubeconfig" ]] || { echo "netpol: no cluster in $STATE" >&2; exit 1; }
    if ! component_running kube-router; then
      # shellcheck disable=SC2046  # kube_router_cmd: paths and flags without spaces
      start_component kube-router $(kube_router_cmd)
    fi
    for _ in $(seq 1 120); do
      if curl -fsS "http://127.0.0.1:$KUBE_ROUTER_HEALTH_PORT/healthz" >/dev/null 2>&1 && iptables -S KUBE-ROUTER-FORWARD >/dev/null 2>&1; then
        echo "netpol: on (kube-router $(cat "$PIDS/kube-router.pid"))" >&2; exit 0
      fi
      sleep 0.5
    done
    echo "netpol: kube-router did not become healthy; log: $LOGS/kube-router.log" >&2; tail -n 20 "$LOGS/kube-router.log" >&2; exit 1 ;;
  status) if component_running kube-router; then echo on; else echo off; fi ;;
  *) echo "usage: $0 off|on|status" >&2; exit 2 ;;
esac
