#!/usr/bin/env bash
# Tools a CI run needs besides the cluster, installed when missing (idempotent, quiet when present):
# - headless Chromium (Debian's chromium): the examples render the matrix and healing pictures in it;
# - actionlint (Go module github.com/rhysd/actionlint, built by `go install`, cached under
#   $K8SNET_CACHE_DIR/tools), then runs it on .github/workflows: a finding fails the run.
set -Eeuo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=local-cluster/common.sh
source "$repo/.ci/local-cluster/common.sh"   # K8SNET_CACHE_DIR, apt_install_missing

apt_install_missing tools chromium || { echo "tools.sh: apt-get install of chromium failed" >&2; exit 1; }

ACTIONLINT_VERSION=v1.7.12
bin="$K8SNET_CACHE_DIR/tools/actionlint-$ACTIONLINT_VERSION"
if [[ ! -x "$bin/actionlint" ]]; then
  if ! command -v go >/dev/null 2>&1; then
    [[ -x /usr/local/go/bin/go ]] || { echo "tools.sh: no Go toolchain (go on PATH or /usr/local/go) to build actionlint" >&2; exit 1; }
    export PATH="/usr/local/go/bin:$PATH"
  fi
  mkdir -p "$bin"
  echo "tools.sh: building actionlint $ACTIONLINT_VERSION" >&2
  GOBIN="$bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi
"$bin/actionlint" -no-color "$repo"/.github/workflows/*.yml
echo "tools.sh: chromium $(dpkg-query -W -f='${Version}' chromium), actionlint $ACTIONLINT_VERSION: workflows clean" >&2
