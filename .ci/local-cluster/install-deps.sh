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
# Refresh the package lists only if an install from the current lists fails.
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/k8snet-apt.log 2>&1; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
