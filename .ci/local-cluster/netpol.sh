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
pidf="$PIDS/kube-router.pid"

running() { pid_alive "$pidf" && tr '\0' ' ' <"/proc/$(cat "$pidf")/cmdline" | grep -q kube-router; }

case "${1:-}" in
  off)
    if running; then
      p="$(cat "$pidf")"; kill -TERM "$p"
      for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$p" 2>/dev/null || true
    fi
    rm -f "$pidf"
    kube_router_cleanup
    echo "netpol: off (kube-router stopped, its rules removed)" >&2 ;;
  on)
    [[ -f "$STATE/kube-router.kubeconfig" ]] || { echo "netpol: no cluster in $STATE" >&2; exit 1; }
    if ! running; then
      # shellcheck disable=SC2046
      setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidf" $(kube_router_cmd) >>"$LOGS/kube-router.log" 2>&1 </dev/null &
    fi
    for _ in $(seq 1 120); do
      if curl -fsS "http://127.0.0.1:$KUBE_ROUTER_HEALTH_PORT/healthz" >/dev/null 2>&1 && iptables -S KUBE-ROUTER-FORWARD >/dev/null 2>&1; then
        echo "netpol: on (kube-router $(cat "$pidf"))" >&2; exit 0
      fi
      sleep 0.5
    done
    echo "netpol: kube-router did not become healthy; log: $LOGS/kube-router.log" >&2; tail -n 20 "$LOGS/kube-router.log" >&2; exit 1 ;;
  status) if running; then echo on; else echo off; fi ;;
  *) echo "usage: $0 off|on|status" >&2; exit 2 ;;
esac
