#!/usr/bin/env bash
# The seed scenario done by hand with kubectl, timed per phase: the baseline the Java benchmark
# (SeedScenarioBenchmark) compares itself with. Prints one line per phase: `phase <name> <millis>`.
#
#   KUBECONFIG=... [KUBECTL=kubectl] [BENCH_KUBE_CONTEXT=ctx] bash .ci/benchmark/kubectl-baseline.sh [runs]
#
# Uses the same images and phases as the benchmark; every wait is bounded. Creates one namespace
# per run (labelled as ours) and deletes it, also when a step fails or the script is stopped.
set -Eeuo pipefail
runs=${1:-1}
kubectl=${KUBECTL:-kubectl}
context=${BENCH_KUBE_CONTEXT:-}
image_nginx=${BENCH_NGINX_IMAGE:-nginx:1.22.1}
image_client=${BENCH_CLIENT_IMAGE:-busybox:1.35.0}
image_hostnames=${BENCH_HOSTNAMES_IMAGE:-registry.k8s.io/e2e-test-images/agnhost:2.56}
bound=180

# kubectl, in the context asked for (the kubeconfig's current one otherwise).
kc() { "$kubectl" ${context:+--context "$context"} "$@"; }

# The namespace of the run in progress, deleted on any exit.
current_ns=""
cleanup() {
  local rc=$?
  if [ -n "$current_ns" ]; then
    kc delete namespace "$current_ns" --ignore-not-found --wait=true --timeout=${bound}s >/dev/null 2>&1 ||
      echo "could not delete namespace $current_ns" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

now_ms() { date +%s%3N; }
phase() { printf 'phase %s %d\n' "$1" "$2"; }

# Runs "$@" until it succeeds, at most $bound seconds.
retry() {
  local deadline=$(( $(date +%s) + bound ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "timed out: $*" >&2; return 1; fi
    sleep 0.2
  done
}

ready_endpoint_ips() {
  kc -n "$1" get endpointslices -l "kubernetes.io/service-name=$2" \
    -o jsonpath='{range .items[*].endpoints[?(@.conditions.ready==true)]}{.addresses[0]}{"\n"}{end}' | sort
}

endpoints_count_is() { [ "$(ready_endpoint_ips "$1" "$2" | grep -c .)" -eq "$3" ]; }

one_run() {
  local ns="k8snet-bench-kubectl-$RANDOM$RANDOM" t0
  current_ns=$ns
  t0=$(now_ms)
  kc create namespace "$ns" >/dev/null
  kc label namespace "$ns" app.kubernetes.io/managed-by=k8s-net-test k8s-net-test.io/run-id=kubectl-baseline >/dev/null
  retry kc -n "$ns" get serviceaccount default
  phase namespace-ready $(( $(now_ms) - t0 ))

  t0=$(now_ms)
  kc -n "$ns" create deployment my-nginx --image="$image_nginx" --replicas=2 --port=80 >/dev/null
  kc -n "$ns" rollout status deployment/my-nginx --timeout=${bound}s >/dev/null
  phase deployment-ready $(( $(now_ms) - t0 ))

  t0=$(now_ms)
  kc -n "$ns" expose deployment/my-nginx --port=80 >/dev/null
  retry endpoints_count_is "$ns" my-nginx 2
  phase endpoints-ready $(( $(now_ms) - t0 ))

  local ip
  ip=$(kc -n "$ns" get svc my-nginx -o jsonpath='{.spec.clusterIP}')
  t0=$(now_ms)
  kc -n "$ns" run load-generator --image="$image_client" --restart=Never -- sleep 3600 >/dev/null
  kc -n "$ns" wait pod/load-generator --for=condition=Ready --timeout=${bound}s >/dev/null
  retry kc -n "$ns" exec load-generator -- sh -c "wget -q -T 2 -O - http://$ip | grep -q '<title>Welcome to nginx!</title>'"
  phase first-clusterip-probe $(( $(now_ms) - t0 ))

  t0=$(now_ms)
  kc -n "$ns" exec load-generator -- wget -q -T 2 -O /dev/null "http://$ip" >/dev/null
  phase single-probe $(( $(now_ms) - t0 ))

  kc -n "$ns" create deployment hostnames --image="$image_hostnames" --replicas=3 --port=8080 \
    -- /agnhost netexec --http-port=8080 >/dev/null
  kc -n "$ns" rollout status deployment/hostnames --timeout=${bound}s >/dev/null
  kc -n "$ns" expose deployment/hostnames --port=80 --target-port=8080 >/dev/null
  retry endpoints_count_is "$ns" hostnames 3
  local hip pods
  hip=$(kc -n "$ns" get svc hostnames -o jsonpath='{.spec.clusterIP}')
  pods=$(kc -n "$ns" get pods -l app=hostnames -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}' | sort)
  t0=$(now_ms)
  local seen="" deadline=$(( $(date +%s) + bound ))
  until [ "$(printf '%s\n' "$seen" | grep -c .)" -eq 3 ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out: all replicas" >&2; return 1; }
    seen=$( { printf '%s\n' "$seen"; kc -n "$ns" exec load-generator -- sh -c \
      "for i in \$(seq 20); do wget -q -T 2 -O - http://$hip/hostname; echo; done"; } |
      { grep -Fx -f <(printf '%s\n' "$pods") || true; } | sort -u)
  done
  phase all-replicas $(( $(now_ms) - t0 ))

  local victim victim_ip
  victim=$(kc -n "$ns" get pods -l app=my-nginx -o jsonpath='{.items[0].metadata.name}')
  victim_ip=$(kc -n "$ns" get pod "$victim" -o jsonpath='{.status.podIP}')
  t0=$(now_ms)
  kc -n "$ns" delete pod "$victim" --wait=false >/dev/null
  healed() { local ips; ips=$(ready_endpoint_ips "$ns" my-nginx); ! grep -qxF "$victim_ip" <<<"$ips" && [ "$(grep -c . <<<"$ips")" -eq 2 ]; }
  retry healed
  phase time-to-heal $(( $(now_ms) - t0 ))

  kc delete namespace "$ns" --wait=true --timeout=${bound}s >/dev/null
  current_ns=""
}

for _ in $(seq "$runs"); do one_run; done
