#!/usr/bin/env bash
# Imports an image archive (docker-archive or OCI tarball) into the containerd of every node of the
# local cluster (node 1 and each running extra node), namespace k8s.io, where the kubelets look.
# The extension runs it for @LoadImage: .ci/run sets k8snet.images.load-command to
#   bash .ci/local-cluster/load-image.sh {archive}
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
archive="${1:?usage: load-image.sh <archive>}"
[[ -f "$archive" ]] || { echo "load-image.sh: no such archive: $archive" >&2; exit 2; }
socks=("$CONTAINERD_SOCK")
for d in "$RUN_DIR"/nodes/node*/containerd; do
  [[ -S "$d/containerd.sock" ]] && socks+=("$d/containerd.sock")
done
for s in "${socks[@]}"; do
  [[ -S "$s" ]] || { echo "load-image.sh: no containerd at $s (is the local cluster up?)" >&2; exit 1; }
  ctr --address "$s" -n k8s.io images import "$archive" >&2 || { echo "load-image.sh: import into $s failed" >&2; exit 1; }
done
echo "load-image.sh: $archive imported into ${#socks[@]} node(s)" >&2
