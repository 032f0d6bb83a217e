#!/usr/bin/env bash
# The seed scenario done by hand with kubectl, timed per phase: the baseline the Java benchmark
# (SeedScenarioBenchmark) compares itself with. Prints one line per phase: `phase <name> <millis>`,
# and `phase seed-scenario <millis>` for the whole run, from creating the namespace until it is gone.
#
#   KUBECONFIG=... [KUBECTL=kubectl] [BENCH_KUBE_CONTEXT=ctx] bash .ci/benchmark/kubectl-baseline.sh [runs]
#
# Uses the same images and phases as the benchmark; every wait is bounded (lib.sh). Creates one
# namespace per run (labelled as ours) and deletes it, also when a step fails or the script is stopped.
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${1:-1}
image_nginx=${BENCH_NGINX_IMAGE:-nginx:1.22.1}
image_client=${BENCH_CLIENT_IMAGE:-busybox:1.35.0}
image_hostnames=${BENCH_HOSTNAMES_IMAGE:-registry.k8s.io/e2e-test-images/agnhost:2.56}

ready_endpoint_ips() {
  kc -n "$1" get endpointslices -l "kubernetes.io/service-name=$2" \
    -o jsonpath='{range .items[*].endpoints[?(@.conditions.ready==true)]}{.addresses[0]}{"\n"}{end}' | sort
}

endpoints_count_is() { [ "$(ready_endpoint_ips "$1" "$2" | grep -c .)" -eq "$3" ]; }

one_run() {
  local ns t0 whole
  ns=$(namespace_name)
  whole=$(now_ms)
  t0=$whole
  create_namespace "$ns"
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
  phase client-pod-ready $(( $(now_ms) - t0 ))
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

  delete_namespaces "$ns"
  phase seed-scenario $(( $(now_ms) - whole ))
}

for _ in $(seq "$runs"); do one_run; done
