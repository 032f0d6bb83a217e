#!/usr/bin/env bash
# A stand-in for kubectl in KubectlScriptsTest: no cluster, no network. Logs each call (one line,
# without the --context flag) to $FAKE_LOG and answers what the benchmark's scripts ask.
#   FAKE_PODS="a b c"          pods every model namespace has, with IPs 127.0.0.<n>
#   FAKE_FAIL_ONCE="<ip:port>" an exec that connects there fails the first time only
# The seed scenario's objects: my-nginx (pods 127.0.0.1 and .2; after a pod delete, .2 and .3) and
# hostnames (3 pods that answer /hostname).
set -euo pipefail
[ "${1:-}" = "--context" ] && shift 2
echo "$*" >>"$FAKE_LOG"
args=" $* "
case "$args" in
  *" apply -f - "*) cat >>"$FAKE_LOG.applied" ;;
  *" get pods -o jsonpath="*)
    n=0
    for pod in ${FAKE_PODS:-}; do n=$((n + 1)); echo "$pod 127.0.0.$n"; done ;;
  *" get svc "*) echo "127.0.0.10" ;;
  *" get endpointslices "*"service-name=my-nginx "*)
    if [ -e "$FAKE_LOG.deleted" ]; then printf '127.0.0.2\n127.0.0.3\n'; else printf '127.0.0.1\n127.0.0.2\n'; fi ;;
  *" get endpointslices "*"service-name=hostnames "*) printf '127.0.0.4\n127.0.0.5\n127.0.0.6\n' ;;
  *" get pods -l app=hostnames "*) printf 'hostnames-a\nhostnames-b\nhostnames-c\n' ;;
  *" get pods -l app=my-nginx "*) printf 'my-nginx-1' ;;
  *" get pod my-nginx-1 "*) printf '127.0.0.1' ;;
  *" delete pod "*) touch "$FAKE_LOG.deleted" ;;
  *" exec "*"/hostname"*) printf 'hostnames-a\nhostnames-b\n\nhostnames-c\n' ;;
  *" exec "*" connect "*)
    target=$(sed -n 's/.* connect \([^ ]*\) .*/\1/p' <<<"$args")
    if [ -n "${FAKE_FAIL_ONCE:-}" ] && [ "$target" = "$FAKE_FAIL_ONCE" ] && [ ! -e "$FAKE_LOG.failed" ]; then
      touch "$FAKE_LOG.failed"
      exit 1
    fi ;;
  *) ;;
esac
