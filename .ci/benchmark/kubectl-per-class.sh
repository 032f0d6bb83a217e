#!/usr/bin/env bash
# per-class-overhead done by hand: what an empty test class costs, a namespace up (Active, with its
# default ServiceAccount) and gone again. Prints `phase per-class-overhead <millis>` per run.
#
#   KUBECONFIG=... [KUBECTL=kubectl] [BENCH_KUBE_CONTEXT=ctx] bash .ci/benchmark/kubectl-per-class.sh [runs]
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${1:-1}

for _ in $(seq "$runs"); do
  ns=$(namespace_name)
  t0=$(now_ms)
  create_namespace "$ns"
  delete_namespaces "$ns"
  phase per-class-overhead $(( $(now_ms) - t0 ))
done
