#!/usr/bin/env bash
# Builds (or reuses) every binary of the local cluster from pinned Go modules.
#
#   build.sh [component ...]     components: kubernetes agnhost etcd coredns kube-router (default: all)
#
# Finished binaries are cached as $K8SNET_CACHE_DIR/bin/<name>-<version>/<name>
# (default K8SNET_CACHE_DIR=/var/cache/k8snet); a cached binary is reused as is.
# Wrapper modules live in $K8SNET_CACHE_DIR/src/<component>-<version>/, build logs in
# $K8SNET_CACHE_DIR/logs/. A cold build of everything takes 30+ minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"   # versions, CACHE, BIN, bin_of

SRC="$CACHE/src"
BUILD_LOGS="$CACHE/logs"
mkdir -p "$BIN" "$SRC" "$BUILD_LOGS"

if ! command -v go >/dev/null 2>&1; then
  if [[ -x /usr/local/go/bin/go ]]; then export PATH="/usr/local/go/bin:$PATH"; else
    echo "build.sh: no Go toolchain found (need go >= 1.24 on PATH or in /usr/local/go)" >&2; exit 1
  fi
fi
export CGO_ENABLED=0
export GOFLAGS=-mod=mod

K8S_BINS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)

cached() { # name version -> 0 if the cached binary is complete
  [[ -x "$BIN/$1-$2/$1" && -f "$BIN/$1-$2/.complete" ]]
}
install_bin() { # built-file name version
  local d="$BIN/$2-$3"
  mkdir -p "$d"
  cp -f "$1" "$d/.$2.tmp"
  mv -f "$d/.$2.tmp" "$d/$2"
  touch "$d/.complete"
}
now() { date +%s; }
log_step() { echo "build.sh: $*" >&2; }

# Runs "$@" with output to a log; on failure prints the log tail.
run_logged() { # log cmd...
  local log="$1"; shift
  if ! "$@" >>"$log" 2>&1; then
    echo "build.sh: FAILED: $* (log: $log)" >&2
    tail -n 40 "$log" >&2
    return 1
  fi
}

gomod_time() { # module@version -> the version's commit time from the module proxy's .info
  local info
  info="$( (cd "$SRC" && go mod download -json "$1") | sed -n 's/^[[:space:]]*"Info": "\(.*\)",*$/\1/p')"
  [[ -f "$info" ]] && sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "$info"
}

k8s_wrapper() {
  local dir="$SRC/kubernetes-$K8S_VERSION" minor="${K8S_VERSION#v1.}"
  mkdir -p "$dir"
  if ! grep -qs "^require k8s.io/kubernetes $K8S_VERSION\$" "$dir/go.mod"; then
    local gomod
    gomod="$( (cd "$SRC" && go mod download -json "k8s.io/kubernetes@$K8S_VERSION") | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')"
    [[ -f "$gomod" ]] || { echo "build.sh: cannot download k8s.io/kubernetes@$K8S_VERSION" >&2; return 1; }
    {
      echo "module k8snet.local/kubebuild"
      echo
      echo "go $(sed -n 's/^go \(.*\)$/\1/p' "$gomod")"
      echo
      echo "require k8s.io/kubernetes $K8S_VERSION"
      echo
      # One replace per staging module (they are required as v0.0.0 upstream, which does not exist).
      sed -n 's#^[[:space:]]*\(k8s.io/[A-Za-z0-9._-]*\) => ./staging/src/.*$#\1#p' "$gomod" | sort -u |
        while read -r m; do echo "replace $m => $m v0.$minor"; done
    } >"$dir/go.mod.new"
    mv "$dir/go.mod.new" "$dir/go.mod"
    rm -f "$dir/go.sum"
  fi
  echo "$dir"
}

build_kubernetes() {
  local missing=() b
  for b in "${K8S_BINS[@]}"; do cached "$b" "$K8S_VERSION" || missing+=("$b"); done
  ((${#missing[@]})) || return 0
  local log="$BUILD_LOGS/kubernetes-$K8S_VERSION.log" t0 dir
  t0=$(now); : >"$log"
  log_step "building ${missing[*]} $K8S_VERSION (cold: ~30 min; log $log)"
  dir="$(k8s_wrapper)"
  local major=1 minor date ld=(-s -w) p
  minor="$(echo "$K8S_VERSION" | cut -d. -f2)"
  date="$(gomod_time "k8s.io/kubernetes@$K8S_VERSION")"; date="${date:-1970-01-01T00:00:00Z}"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=(-X "$p.gitVersion=$K8S_VERSION" -X "$p.gitMajor=$major" -X "$p.gitMinor=$minor"
      -X "$p.gitCommit=0000000000000000000000000000000000000000" -X "$p.gitTreeState=clean"
      -X "$p.buildDate=$date")
  done
  local pkgs=() out="$dir/.out"
  for b in "${missing[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$b"); done
  mkdir -p "$out"
  (cd "$dir" && run_logged "$log" go get "k8s.io/kubernetes@$K8S_VERSION")
  (cd "$dir" && run_logged "$log" go build -trimpath -tags providerless -ldflags "${ld[*]}" -o "$out/" "${pkgs[@]}")
  for b in "${missing[@]}"; do install_bin "$out/$b" "$b" "$K8S_VERSION"; done
  rm -rf "$out"
  log_step "kubernetes $K8S_VERSION done in $(($(now) - t0))s" | tee -a "$log"
}

build_agnhost() {
  cached agnhost "$K8S_VERSION" && return 0
  local log="$BUILD_LOGS/agnhost-$K8S_VERSION.log" t0 dir
  t0=$(now); : >"$log"
  log_step "building agnhost from k8s.io/kubernetes $K8S_VERSION (log $log)"
  dir="$(k8s_wrapper)"
  (cd "$dir" && run_logged "$log" go build -trimpath -tags providerless -ldflags "-s -w" \
    -o "$dir/.agnhost.out" k8s.io/kubernetes/test/images/agnhost)
  install_bin "$dir/.agnhost.out" agnhost "$K8S_VERSION"
  rm -f "$dir/.agnhost.out"
  log_step "agnhost done in $(($(now) - t0))s" | tee -a "$log"
}

# Generic wrapper module: name version module-path main-go-source ldflags [package]
# With an empty main-go-source the given package of the module (a main package) is built.
build_wrapped() {
  local name="$1" version="$2" module="$3" main="$4" ldflags="${5:-}" pkg="${6:-.}"
  cached "$name" "$version" && return 0
  local dir="$SRC/$name-$version" log="$BUILD_LOGS/$name-$version.log" t0
  t0=$(now); : >"$log"
  log_step "building $name $version from $module (log $log)"
  mkdir -p "$dir"
  if ! grep -qs "^require $module $version\$" "$dir/go.mod"; then
    printf 'module k8snet.local/%sbuild\n\ngo 1.24\n\nrequire %s %s\n' "${name//-/}" "$module" "$version" >"$dir/go.mod"
    rm -f "$dir/go.sum"
  fi
  (cd "$dir" && run_logged "$log" go get "$module@$version")
  if [[ -n "$main" ]]; then
    printf '%s\n' "$main" >"$dir/main.go"
    (cd "$dir" && run_logged "$log" go mod tidy)
  fi
  (cd "$dir" && run_logged "$log" go build -trimpath -ldflags "-s -w $ldflags" -o "$dir/$name.out" "$pkg")
  install_bin "$dir/$name.out" "$name" "$version"
  rm -f "$dir/$name.out"
  log_step "$name $version done in $(($(now) - t0))s" | tee -a "$log"
}

build_etcd() {
  build_wrapped etcd "$ETCD_VERSION" go.etcd.io/etcd/server/v3 'package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }'
}

build_coredns() {
  # Only the plugins the cluster's Corefile uses (no forward, no cloud backends).
  build_wrapped coredns "$COREDNS_VERSION" github.com/coredns/coredns 'package main

import (
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/ready"
	_ "github.com/coredns/coredns/plugin/reload"
	_ "github.com/coredns/coredns/plugin/whoami"
)

func main() { coremain.Run() }' "-X github.com/coredns/coredns/coremain.GitCommit=$COREDNS_VERSION"
}

build_kube_router() {
  build_wrapped kube-router "$KUBE_ROUTER_VERSION" github.com/cloudnativelabs/kube-router/v2 '' \
    "-X github.com/cloudnativelabs/kube-router/v2/pkg/version.Version=$KUBE_ROUTER_VERSION" \
    github.com/cloudnativelabs/kube-router/v2/cmd/kube-router
}

components=("$@")
((${#components[@]})) || components=(kubernetes agnhost etcd coredns kube-router)
for c in "${components[@]}"; do
  case "$c" in
    kubernetes) build_kubernetes ;;
    agnhost) build_agnhost ;;
    etcd) build_etcd ;;
    coredns) build_coredns ;;
    kube-router) build_kube_router ;;
    *) echo "build.sh: unknown component $c" >&2; exit 2 ;;
  esac
done
echo "build.sh: binaries in $BIN:" >&2
for c in "${components[@]}"; do
  case "$c" in
    kubernetes) for b in "${K8S_BINS[@]}"; do echo "  $(bin_of "$b")" >&2; done ;;
    *) echo "  $(bin_of "$c")" >&2 ;;
  esac
done
