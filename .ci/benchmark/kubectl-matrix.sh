#!/usr/bin/env bash
# A policy model's matrix done by hand, as cyclonus and the upstream NetworkPolicy e2e suite do it: one
# `kubectl exec` per cell (source pod, target pod, port), `agnhost connect <pod IP>:<port>` from the
# source's first server container, $BENCH_PROBE_WORKERS (default 3) cells at a time. Builds the model
# once (namespaces <prefix>-<ns> labelled ns=<ns>, in each the pods labelled pod=<pod>, one agnhost
# server container per port, as the extension's model), then per run probes every cell except a pod
# to itself, everything allowed (no policy). A cell that fails is probed again in a further pass (at
# most 3 passes; still failing: the script fails). Prints `phase <phase> <millis>` per run: the run's
# time divided by its passes (the time of one round).
#
#   KUBECONFIG=... [KUBECTL=kubectl] [BENCH_KUBE_CONTEXT=ctx] [BENCH_PROBE_WORKERS=3] \
#     bash .ci/benchmark/kubectl-matrix.sh <phase> <runs> <namespaces> <pods> <ports>
#   e.g. bash .ci/benchmark/kubectl-matrix.sh matrix-9x18 5 x,y,z a,b,c 80,81
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ $# -ne 5 ]; then
  echo "usage: $0 <phase> <runs> <namespaces> <pods> <ports> (comma-separated lists, e.g. matrix-9x18 5 x,y,z a,b,c 80,81)" >&2
  exit 2
fi
phase_name=$1 runs=$2
IFS=, read -r -a logical_namespaces <<<"$3"
IFS=, read -r -a pods <<<"$4"
IFS=, read -r -a ports <<<"$5"
workers=${BENCH_PROBE_WORKERS:-3}
image=${BENCH_AGNHOST_IMAGE:-registry.k8s.io/e2e-test-images/agnhost:2.56}
probe_container="cont-${ports[0]}-tcp"
prefix=$(namespace_name)

# The pods of namespace $1, as the extension's model builds them (ModelPods).
model_pods_yaml() {
  local ns=$1 pod port
  for pod in "${pods[@]}"; do
    printf -- '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: %s\n  namespace: %s\n  labels:\n    pod: %s\n' "$pod" "$ns" "$pod"
    printf 'spec:\n  terminationGracePeriodSeconds: 0\n  automountServiceAccountToken: false\n  containers:\n'
    for port in "${ports[@]}"; do
      printf '  - name: cont-%s-tcp\n    image: %s\n    imagePullPolicy: IfNotPresent\n' "$port" "$image"
      printf '    command: ["/agnhost", "serve-hostname", "--tcp", "--http=false", "--port", "%s"]\n' "$port"
      printf '    ports:\n    - containerPort: %s\n      name: serve-%s-tcp\n      protocol: TCP\n' "$port" "$port"
      printf '    readinessProbe:\n      tcpSocket:\n        port: %s\n      periodSeconds: 1\n      timeoutSeconds: 2\n' "$port"
    done
  done
}

# One cell "<source namespace> <source pod> <target IP> <port>": exec into the source pod, connect to
# the target. Prints "ok <cell>" or "fail <cell>".
probe_cell() {
  if kc -n "$1" exec "$2" -c "$probe_container" -- /agnhost connect "$3:$4" --timeout=1s --protocol=tcp >/dev/null 2>&1; then
    echo "ok $*"
  else
    echo "fail $*"
  fi
}
export -f kc probe_cell
export kubectl context probe_container

# Build the model (not timed).
for logical in "${logical_namespaces[@]}"; do
  create_namespace "$prefix-$logical" "ns=$logical" pod-security.kubernetes.io/enforce=baseline
done
for logical in "${logical_namespaces[@]}"; do
  model_pods_yaml "$prefix-$logical" | kc apply -f - >/dev/null
done
for logical in "${logical_namespaces[@]}"; do
  kc -n "$prefix-$logical" wait pod --all --for=condition=Ready --timeout=${bound}s >/dev/null
done

# The cells: "<source namespace> <source pod> <target IP> <port>", a pod to itself left out.
declare -A ip_of
for dst in "${logical_namespaces[@]}"; do
  while read -r name ip; do ip_of[$dst/$name]=$ip; done < <(kc -n "$prefix-$dst" get pods \
    -o jsonpath='{range .items[*]}{.metadata.name} {.status.podIP}{"\n"}{end}')
done
cells=()
for src in "${logical_namespaces[@]}"; do
  for src_pod in "${pods[@]}"; do
    for dst in "${logical_namespaces[@]}"; do
      for dst_pod in "${pods[@]}"; do
        [ "$src/$src_pod" != "$dst/$dst_pod" ] || continue
        for port in "${ports[@]}"; do cells+=("$prefix-$src $src_pod ${ip_of[$dst/$dst_pod]} $port"); done
      done
    done
  done
done
echo "kubectl-matrix: ${#cells[@]} cells per round, $workers at a time" >&2

for _ in $(seq "$runs"); do
  pending=("${cells[@]}") passes=0
  t0=$(now_ms)
  while [ ${#pending[@]} -gt 0 ]; do
    passes=$((passes + 1))
    if [ "$passes" -gt 3 ]; then
      echo "kubectl-matrix: cells still failing after 3 passes:" >&2
      printf '  %s\n' "${pending[@]}" >&2
      exit 1
    fi
    mapfile -t pending < <(printf '%s\n' "${pending[@]}" |
      xargs -P "$workers" -L 1 bash -c 'probe_cell "$@"' _ | sed -n 's/^fail //p')
  done
  phase "$phase_name" $(( ($(now_ms) - t0) / passes ))
done

# Namespaces go on exit (lib.sh); deleting them here lets a failure to delete fail the script.
model_namespaces=()
for logical in "${logical_namespaces[@]}"; do model_namespaces+=("$prefix-$logical"); done
delete_namespaces "${model_namespaces[@]}"
