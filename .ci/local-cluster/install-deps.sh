#!/usr/bin/env bash
# Installs the Debian packages the local cluster needs (idempotent, quiet when all present).
# Also installs every package named in apt-packages.txt beside this script (one per line, '#' comments).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

pkgs=(
  containerd runc containernetworking-plugins
  iptables ipset iproute2 conntrack ethtool socat
  openssl ca-certificates curl procps util-linux mount
  catatonit
)
if [[ -f "$here/apt-packages.txt" ]]; then
  while IFS= read -r line; do
    line="${line%%#*}"; line="$(echo "$line" | xargs)"
    [[ -n "$line" ]] && pkgs+=("$line")
  done < "$here/apt-packages.txt"
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Keep the packages' own services (Debian's registry on :5000 of every interface, a system
# containerd) from starting at install: the cluster starts its own, on its own sockets and
# addresses. A policy-rc.d that exits 101 is Debian's way; ours exists only during the install.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
# Refresh the package lists only if an install from the current lists fails.
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/k8snet-apt.log 2>&1; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
