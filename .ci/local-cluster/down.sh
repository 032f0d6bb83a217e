#!/usr/bin/env bash
# Stops everything up.sh started and removes the cluster's host state: processes (by PID file),
# pod processes and containerd shims, mounts, network (bridge, node interface, routes, iptables
# chains, ipsets, IP leases). Keeps the binary cache, the registry storage and containerd's image
# store. Safe to run at any time, also after a half-finished up.sh.   down.sh [--quiet]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
QUIET=0; [[ "${1:-}" == "--quiet" ]] && QUIET=1
say() { ((QUIET)) || echo "down.sh: $*" >&2; }

stop() { stop_components "$@" 2>&1 | sed "s/^/down.sh: /" >&2; }

# Every PID in the kubelet's pod cgroups (cgroupfs driver: /kubepods in each hierarchy).
pod_pids() {
  find /sys/fs/cgroup -path '*/kubepods*' -name cgroup.procs -exec cat {} + 2>/dev/null | sort -un
}

# 1. cluster agents first, so nothing restarts pods while we clean up.
# First withdraw the published kubeconfig, so nothing starts talking to a cluster that is going away.
rm -f "$KUBECONFIG_PUBLISHED"

# Extra nodes first (node.sh): their namespaces, links, cgroups and processes; then node 1.
bash "$here/node.sh" down-all 2>&1 | { if ((QUIET)); then cat >/dev/null; else cat >&2; fi; } ||
  echo "down.sh: removing the extra nodes failed (see above); continuing with node 1" >&2

stop kube-router kube-proxy kubelet

# 2. pods: kill their processes, then containerd and its shims.
pp="$(pod_pids)"
if [[ -n "$pp" ]]; then
  say "killing $(echo "$pp" | wc -l) pod processes"
  # shellcheck disable=SC2086
  kill -KILL $pp 2>/dev/null
  sleep 0.5
fi
if [[ -S "$CONTAINERD_SOCK" ]] && pid_alive "$PIDS/containerd.pid"; then
  # Forget the old containers so the next containerd starts clean (images stay).
  for id in $(ctr --address "$CONTAINERD_SOCK" -n k8s.io tasks ls -q 2>/dev/null); do
    ctr --address "$CONTAINERD_SOCK" -n k8s.io tasks kill -s KILL "$id" >/dev/null 2>&1
  done
  sleep 0.3
  for id in $(ctr --address "$CONTAINERD_SOCK" -n k8s.io tasks ls -q 2>/dev/null); do
    ctr --address "$CONTAINERD_SOCK" -n k8s.io tasks rm -f "$id" >/dev/null 2>&1
  done
  for id in $(ctr --address "$CONTAINERD_SOCK" -n k8s.io containers ls -q 2>/dev/null); do
    ctr --address "$CONTAINERD_SOCK" -n k8s.io containers rm "$id" >/dev/null 2>&1
  done
fi
stop containerd
sh="$(cluster_shims)"
if [[ -n "$sh" ]]; then
  say "killing containerd shims: ${sh//$'\n'/ }"
  # shellcheck disable=SC2086
  kill -KILL $sh 2>/dev/null
fi

# 3. control plane.
stop kube-scheduler kube-controller-manager kube-apiserver
stop etcd

st="$(cluster_strays)"
if [[ -n "$st" ]]; then
  say "killing leftover cluster processes: ${st//$'\n'/ }"
  # shellcheck disable=SC2086
  kill -KILL $st 2>/dev/null
  sleep 0.5
fi

# 4. local image registry (images.sh owns it).
if [[ -f "$here/images.sh" ]]; then bash "$here/images.sh" stop >/dev/null 2>&1 || say "images.sh stop failed"; fi

# 5. mounts: everything under the kubelet dir, containerd's state, our run dir and the state dir
#    (deepest first), plus the pod network namespaces (containerd names them cni-*).
for _ in 1 2 3; do
  mps="$(awk '{print $5}' /proc/self/mountinfo | grep -E "^($STATE|$RUN_DIR|/run/netns/cni-|/var/run/netns/cni-)" | sort -r)"
  [[ -z "$mps" ]] && break
  while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
  done <<<"$mps"
done
for n in /run/netns/cni-*; do [[ -e "$n" ]] && rm -f "$n"; done
# Shim sockets of our (now dead) shims: containerd 1.6 always puts them in /run/containerd/s.
if [[ -d /run/containerd/s ]]; then
  for sock in /run/containerd/s/*; do
    [[ -S "$sock" ]] || continue
    grep -q " ${sock#unix://}\( \|$\)" /proc/net/unix 2>/dev/null || rm -f "$sock"
  done
  rmdir /run/containerd/s /run/containerd 2>/dev/null
fi

# 6. pod cgroups (now empty).
find /sys/fs/cgroup -depth -type d -path '*/kubepods*' -exec rmdir {} \; 2>/dev/null

# 7. iptables: kube-proxy's own clean-up, kube-router's rules, then any KUBE-*/CNI-*/K8SNET-* left
#    (IPv4 and IPv6: the kubelet and kube-proxy create IPv6 chains too).
if [[ -x "$(bin_of kube-proxy)" ]]; then "$(bin_of kube-proxy)" --cleanup >/dev/null 2>&1; fi
kube_router_cleanup
iptables_purge 'KUBE-|CNI-|K8SNET-' filter nat mangle raw

# 8. ipsets created by kube-router (names KUBE-* / kube-router-*); again now that all chains are gone.
ipset_purge 'KUBE-|kube-router-'

# 9. interfaces, routes, leases, conntrack entries of the pod and service ranges.
if ip link show "$BRIDGE" >/dev/null 2>&1; then
  for v in $(ip -o link show master "$BRIDGE" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
    ip link del "$v" 2>/dev/null
  done
  ip link del "$BRIDGE"
fi
ip link show "$NODE_IFACE" >/dev/null 2>&1 && ip link del "$NODE_IFACE"
ip route del unreachable "$SERVICE_CIDR" 2>/dev/null
ip route del unreachable "$POD_CIDR" 2>/dev/null
rm -rf "$CNI_DATA_DIR"
if command -v conntrack >/dev/null 2>&1; then
  conntrack -D -s "$POD_CIDR" >/dev/null 2>&1
  conntrack -D -d "$POD_CIDR" >/dev/null 2>&1
  conntrack -D -d "$SERVICE_CIDR" >/dev/null 2>&1
fi

# 10. per-run state (kept: containerd image store, registry storage, binary cache, last logs).
rm -rf "$KUBELET_DIR" "$STATE/etcd" "$STATE/pod-logs" "$CONTAINERD_STATE" "$RUN_DIR"
if [[ -d "$LOGS" ]] && compgen -G "$LOGS/*" >/dev/null; then
  rm -rf "$STATE/logs.previous"; mv "$LOGS" "$STATE/logs.previous"
fi

# 11. kernel settings: the values from before up.sh (recorded by it), where they differ now.
sysctl_restore 2>&1 | sed "s/^/down.sh: /" >&2

left="$(cluster_strays; cluster_shims)"
if [[ -n "$left" ]]; then echo "down.sh: processes still running: $left" >&2; exit 1; fi
say "done (kept: $BIN, registry storage, $CONTAINERD_ROOT)"
exit 0
