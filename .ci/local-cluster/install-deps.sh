#!/usr/bin/env bash
# Installs the Debian packages the local cluster needs (idempotent, quiet when all present).
# Also installs every package named in apt-packages.txt beside this script (one per line, '#' comments).
# No package's own service starts during the install (apt_install_missing in common.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"

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
apt_install_missing install-deps "${pkgs[@]}"
