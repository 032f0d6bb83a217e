#!/usr/bin/env bash
# Container images for the local cluster, built from Debian packages (and the
# agnhost binary built from k8s.io/kubernetes), served by a registry on loopback.
# They are Debian rebuilds served under the upstream names, NOT the upstream images
# (busybox's wget applet is renamed and /bin/wget is a wrapper, see install_busybox);
# each says so in its labels io.k8snet.note and org.opencontainers.image.description.
#
#   images.sh start   start the registry (127.0.0.1:5000) and make sure every image
#                     is in it; builds/pushes only what is missing or changed
#   images.sh stop    stop the registry we started (PID file)
#   images.sh list    print the image names served (as users write them);
#                     `list --local` prints the references inside the registry
#   images.sh status  is the registry up, and which tags does it hold
#
# containerd mirrors docker.io and registry.k8s.io to this registry; a mirror
# keeps the repository path, so docker.io/library/nginx:latest is pulled from
# http://127.0.0.1:5000/v2/library/nginx/manifests/latest.
#
# Env: K8SNET_CACHE_DIR (default /var/cache/k8snet): registry storage, .deb files,
#        built OCI layouts, agnhost binary cache
#      K8SNET_LOCAL_CLUSTER_DIR (default /var/tmp/k8snet-local-cluster): registry
#        config, log and PID file
#      K8SNET_K8S_VERSION (default: K8S_VERSION of versions.env; common.sh): which
#        agnhost build to package
#      K8SNET_REGISTRY_PORT (default 5000): only for testing this script next to
#        a running cluster; containerd's mirror config expects 5000
#      K8SNET_IMAGES_ONLY (e.g. "nginx busybox"): handle only these images
set -euo pipefail
shopt -s inherit_errexit

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF="$HERE/$(basename "${BASH_SOURCE[0]}")"
# shellcheck source=common.sh
source "$HERE/common.sh"   # CACHE, STATE, K8S_VERSION (K8SNET_K8S_VERSION), bin_of, render, apt_install_missing

REGISTRY=127.0.0.1:${K8SNET_REGISTRY_PORT:-5000}
REG_STORE=$CACHE/registry
REG_DIR=$STATE/registry
REG_CONFIG=$REG_DIR/config.yml
REG_LOG=$REG_DIR/registry.log
REG_PID=$REG_DIR/registry.pid
IMG_CACHE=$CACHE/images
AGNHOST_BIN=$(bin_of agnhost)
AGNHOST_SRC=$CACHE/src/kubernetes-$K8S_VERSION

# Host tools this script needs (also listed in apt-packages.txt).
HOST_PACKAGES=(docker-registry skopeo jq curl iproute2)

# Fixed timestamp for layer entries and image configs, so equal inputs give
# equal digests.
EPOCH=0
CREATED=1970-01-01T00:00:00Z
MIRROR_HOSTS=(docker.io registry.k8s.io)

# Everything talks to loopback only; never let a proxy setting divert it.
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

# ---------------------------------------------------------------- image table
# key | repository in the registry | tags | upstream registry host
IMAGES=(
  "nginx|library/nginx|latest 1.22.1|docker.io"
  "busybox|library/busybox|latest 1.35.0|docker.io"
  "pause|pause|3.10.1|registry.k8s.io"
  "agnhost|e2e-test-images/agnhost|2.56|registry.k8s.io"
  "jre|k8snet/debian-jre|17|127.0.0.1:5000"
)
# Debian packages each image is made of (fetched with `apt-get download`,
# unpacked with `dpkg -x`; nothing is installed on the host).
DEBS_nginx="nginx nginx-common libc6 libgcc-s1 libcrypt1 libpcre2-8-0 libssl3 zlib1g"
DEBS_busybox="busybox-static"
DEBS_pause="catatonit"
DEBS_agnhost="busybox-static"
DEBS_jre="openjdk-17-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g"
# What each image really is (label org.opencontainers.image.description; io.k8snet.note says
# "Debian rebuild, not the upstream image" on all of them).
NOTE="Debian rebuild, not the upstream image"
WGET_NOTE="busybox's wget applet is renamed wgeR; /bin/wget is a wrapper that runs it under timeout for -T/--timeout"
declare -A DESC=(
  [nginx]="k8s-net-test local cluster: Debian's nginx packages served as docker.io/library/nginx; not the upstream image"
  [busybox]="k8s-net-test local cluster: Debian's busybox-static served as docker.io/library/busybox; $WGET_NOTE; not the upstream image"
  [pause]="k8s-net-test local cluster: Debian's catatonit -P served as registry.k8s.io/pause; not the upstream image"
  [jre]="k8s-net-test local cluster: Debian's openjdk-17-jre-headless (java on PATH, no shell), the base image the examples build their own service on with Jib; not an upstream image"
  [agnhost]="k8s-net-test local cluster: agnhost built from k8s.io/kubernetes $K8S_VERSION on Debian's busybox-static, served as registry.k8s.io/e2e-test-images/agnhost; $WGET_NOTE; not the upstream image"
)

log() { printf '[images] %s\n' "$*" >&2; }
die() { printf '[images] ERROR: %s\n' "$*" >&2; exit 1; }

img_field() { # img_field <key> <n>: n=2 repo, 3 tags, 4 upstream host
  local e
  for e in "${IMAGES[@]}"; do
    if [[ ${e%%|*} == "$1" ]]; then cut -d'|' -f"$2" <<<"$e"; return; fi
  done
  die "unknown image $1"
}

user_ref() { # docker.io/library/nginx:latest -> what users write
  local host=$1 repo=$2 tag=$3
  if [[ $host == docker.io ]]; then echo "${repo#library/}:$tag"; else echo "$host/$repo:$tag"; fi
}

cmd_list() {
  local e key repo tags host tag
  for e in "${IMAGES[@]}"; do
    IFS='|' read -r key repo tags host <<<"$e"
    for tag in $tags; do
      if [[ ${1:-} == --local ]]; then echo "$REGISTRY/$repo:$tag"
      else echo "$host/$repo:$tag"; fi
    done
  done
}

# ------------------------------------------------------------------ packages
APT_UPDATED=
apt_update_once() {
  [[ -n $APT_UPDATED ]] && return 0
  log "apt-get update"
  apt-get update -qq >&2
  APT_UPDATED=1
}

ensure_host_packages() {
  if ! command -v dpkg-deb >/dev/null || ! command -v unshare >/dev/null; then
    die "needs dpkg-deb and unshare (util-linux)"
  fi
  apt_install_missing "[images]" "${HOST_PACKAGES[@]}" || die "apt-get install of ${HOST_PACKAGES[*]} failed"
}

# deb_lines <pkg...>: "<file> <sha256>" for the candidate version of each package
# (answered from DEB_LINES_ALL when start filled it: one apt-get call, not one per image)
DEB_LINES_ALL=
deb_lines() {
  local out p
  if [[ -n $DEB_LINES_ALL ]]; then
    for p in "$@"; do grep -E "^${p//+/\\+}_" <<<"$DEB_LINES_ALL" || die "no .deb for $p"; done | sort
    return
  fi
  if ! out=$(apt-get download --print-uris "$@" 2>/dev/null) || [[ -z $out ]]; then
    apt_update_once
    out=$(apt-get download --print-uris "$@") || die "apt-get download --print-uris $* failed"
  fi
  awk '{print $2, $4}' <<<"$out" | sed 's/ SHA256:/ /' | sort
}

# fetch_debs <pkg...>: make sure the .deb files are in $IMG_CACHE/debs; print their paths
fetch_debs() {
  local dir=$IMG_CACHE/debs lines file sum need=()
  mkdir -p "$dir"
  lines=$(deb_lines "$@")
  while read -r file sum; do
    if [[ ! -f $dir/$file ]] || ! echo "$sum  $dir/$file" | sha256sum -c --status; then need+=(1); fi
  done <<<"$lines"
  if ((${#need[@]})); then
    log "apt-get download $*"
    (cd "$dir" && apt-get download -qq "$@" >&2 2>/dev/null) || (cd "$dir" && apt-get download "$@" >&2)
  fi
  while read -r file sum; do
    echo "$sum  $dir/$file" | sha256sum -c --status || die "checksum mismatch for $dir/$file"
    echo "$dir/$file"
  done <<<"$lines"
}

# deb_version <deb file>: upstream part of the package version (1:1.35.0-4 -> 1.35.0)
deb_version() {
  local v
  v=$(dpkg-deb -f "$1" Version)
  v=${v#*:}
  echo "${v%%-*}"
}

# ------------------------------------------------------------------ registry
registry_running() {
  local pid
  [[ -f $REG_PID ]] || return 1
  pid=$(<"$REG_PID")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "docker-registry serve $REG_CONFIG" || return 1
}

registry_answers() {
  curl -sf --noproxy '*' --max-time 2 -o /dev/null "http://$REGISTRY/v2/"
}

write_registry_config() {
  mkdir -p "$REG_DIR" "$REG_STORE"
  render registry-config.yml >"$REG_CONFIG.tmp"
  mv "$REG_CONFIG.tmp" "$REG_CONFIG"
}

start_registry() {
  if registry_running && registry_answers; then
    log "registry already running (pid $(<"$REG_PID")) on $REGISTRY"
    return 0
  fi
  if registry_running; then
    kill "$(<"$REG_PID")" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$REG_PID"
  # The Debian package's own service (if its postinst started it) listens on
  # :5000 on all interfaces; it must not serve here.
  local deb_pid
  deb_pid=$(cat /var/run/docker-registry.pid 2>/dev/null || true)
  if [[ $deb_pid =~ ^[0-9]+$ ]] && kill -0 "$deb_pid" 2>/dev/null &&
     tr '\0' ' ' <"/proc/$deb_pid/cmdline" | grep -q '^/usr/bin/docker-registry serve /etc/docker/registry/config.yml'; then
    log "stopping the docker-registry service that Debian's package started (all interfaces, port 5000)"
    /etc/init.d/docker-registry stop >&2 || true
  fi
  local port=${REGISTRY##*:}
  # (node.sh's forwarder for extra nodes listens on the node address, port 5000 too: not a conflict)
  if registry_answers || ss -Hltn "sport = :$port" 2>/dev/null | grep -vF " $NODE_IP:$port " | grep -q .; then
    die "port $port is taken by a process we did not start: $(ss -Hltnp "sport = :$port" 2>/dev/null | grep -vF " $NODE_IP:$port " | head -1)"
  fi
  write_registry_config
  log "starting docker-registry on $REGISTRY (storage $REG_STORE, log $REG_LOG)"
  setsid /usr/bin/docker-registry serve "$REG_CONFIG" >>"$REG_LOG" 2>&1 </dev/null 9>&- &
  echo $! >"$REG_PID"
  local i
  for ((i = 0; i < 100; i++)); do
    registry_answers && { log "registry up (pid $(<"$REG_PID"))"; return 0; }
    kill -0 "$(<"$REG_PID")" 2>/dev/null || break
    sleep 0.2
  done
  tail -n 30 "$REG_LOG" >&2 || true
  die "registry did not answer on http://$REGISTRY/v2/ within 20s"
}

cmd_stop() {
  if [[ ! -f $REG_PID ]]; then log "registry not running (no PID file)"; return 0; fi
  local pid i
  pid=$(<"$REG_PID")
  if registry_running; then
    kill "$pid"
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    log "registry stopped (pid $pid)"
  else
    log "registry not running (stale PID file)"
  fi
  rm -f "$REG_PID"
}

# remote_digest <repo> <tag>: manifest digest the registry holds, or empty
remote_digest() {
  curl -sfI --noproxy '*' --max-time 5 \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/$1/manifests/$2" 2>/dev/null |
    tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}'
}

# ------------------------------------------------------------ rootfs helpers
# unpack <rootfs> <deb...>: dpkg -x into a merged-/usr tree like Debian 12's
unpack() {
  local root=$1 d
  shift
  for d in "$@"; do dpkg-deb -x "$d" "$root"; done
  for d in bin sbin lib lib64; do
    if [[ -d $root/$d && ! -L $root/$d ]]; then
      mkdir -p "$root/usr/$d"
      cp -a "$root/$d/." "$root/usr/$d/"
      rm -rf "${root:?}/$d"
    fi
    if [[ -d $root/usr/$d && ! -e $root/$d ]]; then ln -s "usr/$d" "$root/$d"; fi
  done
}

prune_docs() {
  rm -rf "$1"/usr/share/{doc,man,info,lintian,locale,bug,apport,vim,bash-completion} \
         "$1"/etc/{init.d,default,logrotate.d,ufw} "$1"/lib/systemd "$1"/usr/lib/systemd
}

base_etc() { # base_etc <rootfs>: minimal /etc and directories
  local r=$1
  mkdir -p "$r"/{etc,tmp,root,home,var,dev,proc,sys,run}
  chmod 1777 "$r/tmp"; chmod 700 "$r/root"
  printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n' >"$r/etc/nsswitch.conf"
  cat >"$r/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
EOF
  cat >"$r/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
nogroup:x:65534:
EOF
}

install_busybox() { # install_busybox <rootfs> <unpacked busybox-static dir>
  local r=$1 src=$2 a off
  mkdir -p "$r/bin"
  install -m 755 "$src/bin/busybox" "$r/bin/busybox"
  # Debian's busybox 1.35 wget crashes on -T/--timeout (built without
  # FEATURE_WGET_TIMEOUT). Rename the applet wget -> wgeR in the applet name
  # table (one byte; the table order is unchanged) so that sh, which prefers
  # applets over PATH, runs /bin/wget: a wrapper that maps -T N to
  # `timeout N busybox wgeR ...` (images/busybox/wget).
  off=$(grep -obUaP '\x00wc\x00wget\x00which\x00' "$r/bin/busybox" | cut -d: -f1)
  [[ $off =~ ^[0-9]+$ ]] || die "busybox: applet table entry for wget not found (exactly once)"
  printf 'R' | dd of="$r/bin/busybox" bs=1 seek=$((off + 7)) conv=notrunc status=none
  "$r/bin/busybox" --list | grep -qx wgeR || die "busybox: wget applet rename failed"
  for a in $("$r/bin/busybox" --list); do
    [[ $a == busybox || $a == wgeR || -e $r/bin/$a ]] || ln -s busybox "$r/bin/$a"
  done
  install -m 755 "$HERE/images/busybox/wget" "$r/bin/wget"
}

# --------------------------------------------------------------- OCI layout
# make_layout <rootfs> <config.json fragment> <out dir>: one-layer OCI image
make_layout() {
  local root=$1 cfg=$2 out=$3 blobs tar diff_id ldigest lsize cdigest csize mdigest msize
  blobs=$out/blobs/sha256
  mkdir -p "$blobs"
  tar=$out/layer.tar
  tar --sort=name --mtime="@$EPOCH" --clamp-mtime --owner=0 --group=0 --numeric-owner \
      --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
      -C "$root" -cf "$tar" .
  diff_id=sha256:$(sha256sum "$tar" | cut -d' ' -f1)
  gzip -n -6 "$tar"
  ldigest=$(sha256sum "$tar.gz" | cut -d' ' -f1); lsize=$(stat -c %s "$tar.gz")
  mv "$tar.gz" "$blobs/$ldigest"
  jq -c --arg created "$CREATED" --arg diff "$diff_id" \
    '{created: $created, architecture: "amd64", os: "linux", config: .,
      rootfs: {type: "layers", diff_ids: [$diff]},
      history: [{created: $created, created_by: "k8s-net-test .ci/local-cluster/images.sh"}]}' \
    <<<"$cfg" >"$out/config.json"
  cdigest=$(sha256sum "$out/config.json" | cut -d' ' -f1); csize=$(stat -c %s "$out/config.json")
  mv "$out/config.json" "$blobs/$cdigest"
  jq -nc --arg c "sha256:$cdigest" --argjson cs "$csize" --arg l "sha256:$ldigest" --argjson ls "$lsize" \
    '{schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $cs},
      layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $l, size: $ls}]}' \
    >"$out/manifest.json"
  mdigest=$(sha256sum "$out/manifest.json" | cut -d' ' -f1); msize=$(stat -c %s "$out/manifest.json")
  mv "$out/manifest.json" "$blobs/$mdigest"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$out/oci-layout"
  jq -nc --arg m "sha256:$mdigest" --argjson ms "$msize" \
    '{schemaVersion: 2, manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json",
      digest: $m, size: $ms, platform: {architecture: "amd64", os: "linux"},
      annotations: {"org.opencontainers.image.ref.name": "image"}}]}' >"$out/index.json"
}

layout_digest() { jq -r '.manifests[0].digest' "$1/index.json"; }

# ------------------------------------------------------------ image recipes
# Each image_<key> <rootfs> <work> writes the rootfs, tests it, and prints the
# image config (the "config" object of the OCI image config) as JSON.

image_nginx() {
  local r=$1 w=$2 debs ver out
  # shellcheck disable=SC2086  # a space-separated package list
  out=$(fetch_debs $DEBS_nginx)
  mapfile -t debs <<<"$out"
  ver=$(deb_version "$(printf '%s\n' "${debs[@]}" | grep '/nginx_')")
  [[ $ver == 1.22.1 ]] || die "Debian's nginx is $ver, the tag table says 1.22.1: update IMAGES"
  unpack "$r" "${debs[@]}"
  prune_docs "$r"
  rm -rf "$r"/usr/lib/x86_64-linux-gnu/gconv "$r"/etc/nginx/{sites-available,sites-enabled,modules-available,modules-enabled,snippets}
  base_etc "$r"
  cat >>"$r/etc/passwd" <<'EOF'
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
nginx:x:101:101:nginx user:/nonexistent:/bin/false
EOF
  printf 'www-data:x:33:\nnginx:x:101:\n' >>"$r/etc/group"
  install -m 644 "$HERE/images/nginx/nginx.conf" "$r/etc/nginx/nginx.conf"
  mkdir -p "$r/etc/nginx/conf.d" "$r/var/log/nginx" "$r/var/lib/nginx" "$r/var/cache/nginx"
  install -m 644 "$HERE/images/nginx/default.conf" "$r/etc/nginx/conf.d/default.conf"
  ln -sf /dev/stdout "$r/var/log/nginx/access.log"
  ln -sf /dev/stderr "$r/var/log/nginx/error.log"
  [[ -f $r/usr/share/nginx/html/index.html ]] || die "no welcome page in nginx-common"

  # Test: run it as PID 1-style foreground process in a private network and
  # mount namespace (port 80 on a fresh loopback), fetch the welcome page.
  local t=$w/test
  cp -a "$r" "$t"
  # shellcheck disable=SC2016  # expanded by the inner sh
  unshare -n -m -p -f --mount-proc sh -c '
    set -e
    ip link set lo up
    mount --bind /dev "$1/dev"
    mount --bind /proc "$1/proc"
    chroot "$1" /usr/sbin/nginx -g "daemon off;" >"$2/nginx.out" 2>&1 &
    pid=$!
    ok=
    for i in $(seq 50); do
      if curl -sf --noproxy "*" --max-time 2 http://127.0.0.1:80/ >"$2/page.html"; then ok=1; break; fi
      sleep 0.1
    done
    kill -QUIT $pid; wait $pid || true
    [ -n "$ok" ] && grep -q "<title>Welcome to nginx!</title>" "$2/page.html"
  ' sh "$t" "$w" || { cat "$w/nginx.out" >&2 || true; die "nginx rootfs test failed"; }
  grep -q '"GET / HTTP/1.1" 200' "$w/nginx.out" || { cat "$w/nginx.out" >&2; die "nginx did not log to stdout"; }
  log "nginx test: welcome page served on port 80, access log on stdout"

  jq -nc --arg v "$ver" '{
    Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", ("NGINX_VERSION=" + $v)],
    Cmd: ["nginx", "-g", "daemon off;"],
    ExposedPorts: {"80/tcp": {}},
    StopSignal: "SIGQUIT"}'
}

image_busybox() {
  local r=$1 w=$2 debs ver out
  # shellcheck disable=SC2086  # a space-separated package list
  out=$(fetch_debs $DEBS_busybox)
  mapfile -t debs <<<"$out"
  ver=$(deb_version "${debs[0]}")
  [[ $ver == 1.35.0 ]] || die "Debian's busybox is $ver, the tag table says 1.35.0: update IMAGES"
  unpack "$w/deb" "${debs[@]}"
  base_etc "$r"
  mkdir -p "$r"/{usr/bin,usr/sbin,var/spool,var/www}
  install_busybox "$r" "$w/deb"
  test_busybox "$r" "$w"
  jq -nc '{Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Cmd: ["sh"]}'
}

# Busybox as the probe pod runs it: uid 65534, sh, sleep, timeout, wget, nc,
# name lookup through /etc/hosts.
test_busybox() {
  local r=$1 w=$2 t=$2/bbtest
  cp -a "$r" "$t"
  printf '127.0.0.1 localhost probe-target\n' >"$t/etc/hosts"
  mkdir -p "$t/www"; echo hello-from-busybox >"$t/www/index.html"
  # shellcheck disable=SC2016  # expanded by the inner sh
  unshare -n -m -p -f --mount-proc sh -c '
    set -e
    ip link set lo up
    mount --bind /dev "$1/dev"
    mount --bind /proc "$1/proc"
    chroot --userspec=65534:65534 "$1" /bin/sh -c "
      set -e
      [ \$(id -u) = 65534 ] && [ \$(id -un) = nobody ]
      httpd -f -p 127.0.0.1:8080 -h /www & h=\$!
      # a bounded wait for the httpd to listen (a fixed sleep raced under load)
      i=0; until wget -qO- http://127.0.0.1:8080/ >/dev/null 2>&1; do i=\$((i+1)); [ \$i -lt 100 ] || exit 1; sleep 0.1; done
      wget -q -T 3 -O - http://probe-target:8080/ | grep -q hello-from-busybox
      wget -qO- http://127.0.0.1:8080/ | grep -q hello-from-busybox
      sh -c \"exec wget --timeout=3 -qO- http://127.0.0.1:8080/\" | grep -q hello-from-busybox
      # the listener starts right before its client (a 5 s listener started early timed out under load)
      printf x | timeout 30 nc -l -p 9090 >/tmp/nc.out & n=\$!
      i=0; until echo x | nc -w 2 127.0.0.1 9090 >/dev/null 2>&1; do i=\$((i+1)); [ \$i -lt 40 ] || exit 1; sleep 0.1; done
      wait \$n
      if timeout 1 sleep 5 2>/dev/null; then exit 1; fi
      kill \$h
      grep -q x /tmp/nc.out
      for a in sh wget nc nslookup sleep cat hostname env grep timeout; do command -v \$a >/dev/null; done
    "
  ' sh "$t" || die "busybox rootfs test failed (uid 65534: sh, wget, nc, timeout)"
  log "busybox test: uid 65534 runs sh, wget -T (via /etc/hosts), nc, timeout"
}

image_pause() {
  local r=$1 w=$2 debs out
  # shellcheck disable=SC2086  # a space-separated package list
  out=$(fetch_debs $DEBS_pause)
  mapfile -t debs <<<"$out"
  unpack "$w/deb" "${debs[@]}"
  install -m 755 "$w/deb/usr/bin/catatonit" "$r/catatonit"
  # Test: as PID 1 of a new PID namespace and uid 65535 it stays up in pause
  # mode and exits on SIGTERM.
  local ns pid='' i
  unshare -p -f chroot --userspec=65535:65535 "$r" /catatonit -P >"$w/pause.err" 2>&1 &
  ns=$!
  for ((i = 0; i < 30; i++)); do
    pid=$(tr -d ' ' <"/proc/$ns/task/$ns/children" 2>/dev/null)
    [[ -n $pid ]] && [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */catatonit ]] && break
    sleep 0.1
  done
  sleep 0.3
  kill -0 "$pid" 2>/dev/null || { cat "$w/pause.err" >&2; die "catatonit -P did not stay up"; }
  kill -TERM "$pid"
  for ((i = 0; i < 30; i++)); do kill -0 "$ns" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$ns" 2>/dev/null; then kill -9 "$pid" "$ns" 2>/dev/null; die "catatonit -P ignored SIGTERM as PID 1"; fi
  wait "$ns" 2>/dev/null || true
  log "pause test: catatonit -P pauses as PID 1 with uid 65535 and exits on SIGTERM"
  jq -nc '{Entrypoint: ["/catatonit", "-P"], User: "65535:65535", WorkingDir: "/"}'
}

# The examples' base image for their own service (Jib): Debian's Java 17 runtime and the
# libraries its launcher and JVM link (ldd), java on PATH; no shell.
image_jre() {
  local r=$1 w=$2 debs out ver jh=/usr/lib/jvm/java-17-openjdk-amd64
  # shellcheck disable=SC2086  # a space-separated package list
  out=$(fetch_debs $DEBS_jre)
  mapfile -t debs <<<"$out"
  ver=$(deb_version "$(printf '%s\n' "${debs[@]}" | grep '/openjdk-17-jre-headless_')")
  [[ $ver == 17.* ]] || die "Debian's openjdk-17-jre-headless is $ver, the tag table says 17"
  unpack "$r" "${debs[@]}"
  prune_docs "$r"
  rm -rf "$r"/usr/share/{gdb,gcc} "$r"/usr/lib/jvm/openjdk-17/src.zip
  base_etc "$r"
  mkdir -p "$r/usr/bin"
  ln -sf "$jh/bin/java" "$r/usr/bin/java"   # what Debian's alternatives would link
  # Test: the JVM starts as uid 65534 in an empty network namespace and has jdk.httpserver.
  unshare -n -m -p -f --mount-proc sh -c '
    set -e
    mount --bind /dev "$1/dev"
    mount --bind /proc "$1/proc"
    chroot --userspec=65534:65534 "$1" /usr/bin/java -Xshare:off -version >"$2/java.out" 2>&1
    chroot --userspec=65534:65534 "$1" /usr/bin/java -Xshare:off --list-modules >>"$2/java.out" 2>&1
  ' sh "$r" "$w" || { cat "$w/java.out" >&2 || true; die "jre test failed"; }
  grep -q '^openjdk version "17' "$w/java.out" && grep -q '^jdk.httpserver@17' "$w/java.out" ||
    { cat "$w/java.out" >&2; die "jre test: no Java 17 with jdk.httpserver"; }
  log "jre test: java $ver starts as uid 65534 and has jdk.httpserver"
  jq -nc --arg jh "$jh" '{Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", ("JAVA_HOME=" + $jh)],
           Cmd: ["java", "-version"]}'
}

agnhost_version_check() {
  local f gomod
  gomod=$(go env GOMODCACHE 2>/dev/null || echo /root/go/pkg/mod)
  f=$gomod/k8s.io/kubernetes@$K8S_VERSION/test/images/agnhost/VERSION
  if [[ -f $f ]] && [[ $(tr -d '[:space:]' <"$f") != "$(img_field agnhost 3)" ]]; then
    die "agnhost VERSION in k8s.io/kubernetes@$K8S_VERSION is $(<"$f"), the tag table says $(img_field agnhost 3)"
  fi
}

# ensure_agnhost: the binary at $AGNHOST_BIN, built by `build.sh agnhost` if the cluster's
# wrapper module is there (build.sh kubernetes made it). Returns 1 when it cannot be had.
ensure_agnhost() {
  [[ -x $AGNHOST_BIN ]] && return 0
  if [[ ! -f $AGNHOST_SRC/go.mod ]]; then
    log "WARNING: no $AGNHOST_BIN and no wrapper module $AGNHOST_SRC: skipping agnhost"
    return 1
  fi
  bash "$HERE/build.sh" agnhost >&2 || die "agnhost build failed (build.sh agnhost)"
}

image_agnhost() {
  local r=$1 w=$2 debs out
  agnhost_version_check
  # shellcheck disable=SC2086  # a space-separated package list
  out=$(fetch_debs $DEBS_agnhost)
  mapfile -t debs <<<"$out"
  unpack "$w/deb" "${debs[@]}"
  base_etc "$r"
  install_busybox "$r" "$w/deb"   # /bin/sh etc., for netexec's /shell and kubectl exec
  install -m 755 "$AGNHOST_BIN" "$r/agnhost"
  file -b "$r/agnhost" 2>/dev/null | grep -q 'statically linked' ||
    ldd "$r/agnhost" 2>&1 | grep -q 'not a dynamic executable' || die "agnhost is not static"
  # Test: netexec answers /hostname inside a private network namespace.
  # shellcheck disable=SC2016  # expanded by the inner sh
  unshare -n -m -p -f --mount-proc sh -c '
    ip link set lo up
    mount --bind /dev "$1/dev"
    mount --bind /proc "$1/proc"
    chroot "$1" /agnhost netexec --http-port=8080 >"$2/agnhost.out" 2>&1 &
    pid=$!
    ok=1
    for i in $(seq 50); do
      if h=$(curl -sf --noproxy "*" --max-time 2 http://127.0.0.1:8080/hostname); then ok=0; break; fi
      sleep 0.1
    done
    kill $pid; wait $pid 2>/dev/null
    [ $ok = 0 ] && [ "$h" = "$(hostname)" ]
  ' sh "$r" "$w" || { cat "$w/agnhost.out" >&2 || true; die "agnhost test failed"; }
  log "agnhost test: netexec /hostname answers"
  jq -nc '{Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
           Entrypoint: ["/agnhost"], Cmd: ["pause"], ExposedPorts: {"80/tcp": {}, "8080/tcp": {}}}'
}

# inputs_hash <key>: hash over everything the image is built from
inputs_hash() {
  local key=$1 var="DEBS_$1"
  {
    echo "$key $(img_field "$key" 3)"
    sha256sum "$SELF" | cut -d' ' -f1
    (cd "$HERE/images" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
    # shellcheck disable=SC2086  # a space-separated package list
    deb_lines ${!var}
    if [[ $key == agnhost ]]; then sha256sum "$AGNHOST_BIN" | cut -d' ' -f1; fi
  } | sha256sum | cut -c1-16
}

# ensure_image <key>: the image is in the registry under all its tags
ensure_image() {
  local key=$1 repo tags hash layout tag want have need=() work cfg
  repo=$(img_field "$key" 2); tags=$(img_field "$key" 3)
  hash=$(inputs_hash "$key")
  layout=$IMG_CACHE/oci/$key/$hash
  if [[ -f $layout/index.json ]]; then
    want=$(layout_digest "$layout")
    for tag in $tags; do
      have=$(remote_digest "$repo" "$tag")
      [[ $have == "$want" ]] || need+=("$tag")
    done
    if ((${#need[@]} == 0)); then
      log "$key: up to date ($want)"
      return 0
    fi
  else
    log "$key: building (inputs $hash)"
    work=$(mktemp -d "$IMG_CACHE/work.$key.XXXXXX")
    mkdir -p "$work/rootfs" "$work/deb"
    # (to a file, not $(...): a stray test process could hold a pipe open)
    "image_$key" "$work/rootfs" "$work" >"$work/config.json"
    cfg=$(<"$work/config.json")
    cfg=$(jq -c --arg h "$hash" --arg k "$key" --arg note "$NOTE" --arg d "${DESC[$key]}" \
      '.Labels = {"io.k8snet.image": $k, "io.k8snet.inputs": $h, "io.k8snet.note": $note,
                  "org.opencontainers.image.description": $d}' <<<"$cfg")
    rm -rf "$work/test" "$work/bbtest"
    make_layout "$work/rootfs" "$cfg" "$work/layout"
    rm -rf "$IMG_CACHE/oci/$key"
    mkdir -p "$IMG_CACHE/oci/$key"
    mv "$work/layout" "$layout"
    rm -rf "$work"
    want=$(layout_digest "$layout")
    read -ra need <<<"$tags"
  fi
  for tag in "${need[@]}"; do
    log "$key: pushing $REGISTRY/$repo:$tag"
    skopeo copy -q --preserve-digests --dest-tls-verify=false \
      "oci:$layout:image" "docker://$REGISTRY/$repo:$tag" >&2 || die "push of $repo:$tag failed"
    have=$(remote_digest "$repo" "$tag")
    [[ $have == "$want" ]] || die "$repo:$tag: registry has '$have', expected $want"
  done
}

cmd_start() {
  local t0=$SECONDS key e var
  mkdir -p "$STATE" "$IMG_CACHE"
  exec 9>"$STATE/images.lock"
  if ! flock -w 120 9; then
    local holders
    holders=$(for f in /proc/[0-9]*/fd/*; do
      [[ $(readlink "$f" 2>/dev/null) == "$STATE/images.lock" ]] && echo "${f%/fd/*}"; done |
      sed 's|/proc/||' | sort -u | while read -r p; do ps -o pid=,args= -p "$p"; done)
    die "$STATE/images.lock is held for 120s by: ${holders:-?}"
  fi
  ensure_host_packages
  start_registry
  rm -rf "$IMG_CACHE"/work.*
  local served=() all=
  for e in "${IMAGES[@]}"; do key=${e%%|*}; var="DEBS_$key"; all="$all ${!var}"; done
  local pkgs
  mapfile -t pkgs < <(tr ' ' '\n' <<<"$all" | grep . | sort -u)
  DEB_LINES_ALL=$(deb_lines "${pkgs[@]}")
  for e in "${IMAGES[@]}"; do
    key=${e%%|*}
    if [[ -n ${K8SNET_IMAGES_ONLY:-} && " $K8SNET_IMAGES_ONLY " != *" $key "* ]]; then continue; fi
    if [[ $key == agnhost ]] && ! ensure_agnhost; then continue; fi
    ensure_image "$key"
    served+=("$key")
  done
  log "ready in $((SECONDS - t0))s; serving on http://$REGISTRY (mirror for ${MIRROR_HOSTS[*]}):"
  local repo tags host tag
  for key in "${served[@]}"; do
    repo=$(img_field "$key" 2); tags=$(img_field "$key" 3); host=$(img_field "$key" 4)
    for tag in $tags; do
      printf '  %-48s %s\n' "$(user_ref "$host" "$repo" "$tag")" "$REGISTRY/$repo:$tag"
    done
  done
}

cmd_status() {
  if registry_running && registry_answers; then
    echo "registry: running (pid $(<"$REG_PID")) on http://$REGISTRY"
  else
    echo "registry: not running"; return 1
  fi
  local ref repo tag d
  for ref in $(cmd_list --local); do
    repo=${ref#"$REGISTRY"/}; tag=${repo##*:}; repo=${repo%:*}
    d=$(remote_digest "$repo" "$tag")
    printf '  %-48s %s\n' "$ref" "${d:-MISSING}"
  done
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  list) cmd_list "${2:-}" ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|list [--local]|status" >&2; exit 2 ;;
esac
