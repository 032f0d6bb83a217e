#!/usr/bin/env bash
# A stand-in for kubectl in KubectlScriptsTest: no cluster, no network. Logs each call (one line,
# without the --context flag) to $FAKE_LOG and answers what the benchmark's scripts ask.
#   FAKE_PODS="a b c"       pods every namespace has, with IPs 127.0.0.<n>
#   FAKE_FAIL_ONCE="<ip:port>" an exec that connects there fails the first time only
set -euo pipefail
[ "${1:-}" = "--context" ] && shift 2
echo "$*" >>"$FAKE_LOG"
args=" $* "
case "$args" in
  *" apply -f - "*) cat >>"$FAKE_LOG.applied" ;;
  *" get pods -o jsonpath="*)
    n=0
    for pod in ${FAKE_PODS:-}; do n=$((n + 1)); echo "$pod 127.0.0.$n"; done ;;
  *" exec "*)
    target=$(sed -n 's/.* connect \([^ ]*\) .*/\1/p' <<<"$args")
    if [ -n "${FAKE_FAIL_ONCE:-}" ] && [ "$target" = "$FAKE_FAIL_ONCE" ] && [ ! -e "$FAKE_LOG.failed" ]; then
      touch "$FAKE_LOG.failed"
      exit 1
    fi ;;
  *) ;;
esac
