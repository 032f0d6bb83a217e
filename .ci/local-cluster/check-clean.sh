#!/usr/bin/env bash
# Proves that the local cluster left nothing behind on this machine: run after down.sh (.ci/run
# does). Checks processes, mounts, pod cgroups, iptables chains and rules (IPv4 and IPv6), ipsets,
# interfaces, routes, and the published kubeconfig; prints every leftover and exits 1 if there is
# any. Kept on purpose, and not checked: the binary cache, images, registry storage, last logs.
#   check-clean.sh
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

leftovers=()
found() { leftovers+=("$1: $2"); }

# Processes: any of our binaries, our containerd's shims, a process in a pod cgroup.
p="$(cluster_strays; cluster_shims)"
[[ -n "$p" ]] && found processes "$(for pid in $p; do printf '%s(%s) ' "$pid" "$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | cut -c1-60)"; done)"
cg="$(find /sys/fs/cgroup -type d -path '*/kubepods*' 2>/dev/null | head -5)"
[[ -n "$cg" ]] && found "pod cgroups" "${cg//$'\n'/ }"

# Extra nodes (node.sh): their processes (by command line: node directories, holders), cgroup roots,
# links, and the registry forwarder on node 1's address.
p="$(for d in /proc/[0-9]*; do
  c="$(tr '\0' ' ' 2>/dev/null <"$d/cmdline")" || continue
  case "$c" in *"$NODES_DIR/"* | *"$RUN_DIR/nodes/"* | k8snet-node*-holder*) echo "${d#/proc/}" ;; esac
done)"
[[ -n "$p" ]] && found "extra node processes" "$(echo "$p" | paste -sd ' ')"
cg="$(find /sys/fs/cgroup -maxdepth 2 -type d -name 'k8snet-node[0-9]*' 2>/dev/null | head -5)"
[[ -n "$cg" ]] && found "extra node cgroups" "${cg//$'\n'/ }"
v="$(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | grep "^${NODE_VETH_PREFIX}[0-9]")"
[[ -n "$v" ]] && found "extra node links" "${v//$'\n'/ }"
l="$(ss -Hltn 2>/dev/null | awk '{print $4}' | grep -F "$NODE_IP:")"
[[ -n "$l" ]] && found "listeners on the node address" "${l//$'\n'/ }"

# Mounts under our state and run directories, and pod network namespaces.
m="$(awk '{print $5}' /proc/self/mountinfo | grep -E "^($STATE|$RUN_DIR|/run/netns/cni-|/var/run/netns/cni-)")"
[[ -n "$m" ]] && found mounts "${m//$'\n'/ }"
n="$(compgen -G '/run/netns/cni-*')"
[[ -n "$n" ]] && found "network namespace files" "${n//$'\n'/ }"

# iptables: chains of kube-proxy, the kubelet, kube-router, CNI plugins or ours, and rules naming them.
for ipt in iptables ip6tables; do
  command -v "$ipt" >/dev/null || continue
  for table in filter nat mangle raw; do
    c="$("$ipt" -t "$table" -S 2>/dev/null | grep -E -- '^-N (KUBE-|CNI-|K8SNET-)|-j (KUBE-|CNI-|K8SNET-)')"
    [[ -n "$c" ]] && found "$ipt $table" "$(echo "$c" | wc -l) chain(s)/rule(s), e.g. $(echo "$c" | head -3 | cut -c1-80 | paste -sd '|')"
  done
done
if command -v ipset >/dev/null; then
  s="$(ipset list -n 2>/dev/null | grep -E '^(KUBE-|kube-router-)')"
  [[ -n "$s" ]] && found ipsets "${s//$'\n'/ }"
fi

# Interfaces, addresses and routes of the cluster's ranges.
for ifc in "$BRIDGE" "$NODE_IFACE"; do
  ip link show "$ifc" >/dev/null 2>&1 && found interface "$ifc"
done
a="$(ip -o addr show 2>/dev/null | grep -F " $NODE_IP/")"
[[ -n "$a" ]] && found "node address" "$NODE_IP"
r="$(ip route show 2>/dev/null | grep -E "^(unreachable )?(${POD_CIDR%.*.*}\\.|${SERVICE_CIDR%%/*}|${NODES_NET%.*}\\.)")"
[[ -n "$r" ]] && found routes "${r//$'\n'/ | }"

# The kubeconfig published for users (a test must not find a cluster that is gone).
[[ -e "$KUBECONFIG_PUBLISHED" ]] && found "published kubeconfig" "$KUBECONFIG_PUBLISHED"

if ((${#leftovers[@]})); then
  echo "check-clean.sh: the local cluster left ${#leftovers[@]} kind(s) of state behind:" >&2
  printf '  %s\n' "${leftovers[@]}" >&2
  exit 1
fi
echo "check-clean.sh: nothing left (processes, mounts, cgroups, iptables, ipsets, interfaces, routes)" >&2
