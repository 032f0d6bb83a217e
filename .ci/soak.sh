#!/usr/bin/env bash
# Soak: the examples N times in a row on the local cluster (brought up once, stopped at the end,
# also on failure). Per run it records each test's outcome (from Surefire's XML reports), the wall
# time, and every namespace of ours left afterwards; then prints a summary table and the tests whose
# outcome was not "passed" in every run. Exits 1 on any failure, skip, flake or leak.
# Not part of .ci/run (time: about 6 min per run).   bash .ci/soak.sh N
# (-Dtest also selects the bad-input catalogue's nested *TestCase classes, which then show as skipped:
# they run inside their *CatalogueTest, so their own entries are not counted.)
set -Eeuo pipefail

runs=${1:?usage: bash .ci/soak.sh N}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "soak.sh: N must be a positive integer, not '$runs'" >&2; exit 2; }
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
export K8SNET_CACHE_DIR=${K8SNET_CACHE_DIR:-/var/cache/k8snet}
export K8SNET_LOCAL_CLUSTER_DIR=${K8SNET_LOCAL_CLUSTER_DIR:-/var/tmp/k8snet-local-cluster}
export K8SNET_NODES=${K8SNET_NODES:-2}   # as .ci/run
out=${K8SNET_SOAK_DIR:-$repo/target/soak}
rm -rf "$out"; mkdir -p "$out"
stamp() { printf '[soak %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

stop_cluster() {
  local rc=$?
  stamp "stopping the local cluster"
  bash .ci/local-cluster/down.sh || rc=1
  bash .ci/local-cluster/check-clean.sh || rc=1
  exit "$rc"
}
trap stop_cluster EXIT

bash .ci/local-cluster/up.sh 2>&1 | tee "$out/up.log" >/dev/null
kubeconfig=$(tail -n 1 "$out/up.log" | sed -n 's/^KUBECONFIG=//p')
[[ -f "$kubeconfig" ]] || { stamp "up.sh did not print a usable KUBECONFIG=<path> line (see $out/up.log)"; exit 1; }
# shellcheck source=test-env.sh
source .ci/test-env.sh "$kubeconfig" "$repo"   # exactly the environment .ci/run tests with
kubectl=("$K8SNET_LOCAL_CLUSTER_DIR/bin/kubectl" --kubeconfig "$kubeconfig")

# Build once (extension tests included: they must pass before soaking the examples).
stamp "building; the extension's own tests run once"
mvn -B -q verify -pl k8s-net-test-extension >"$out/build.log" 2>&1 || { stamp "build failed: $out/build.log"; exit 1; }

# One line per test and run: "<run> TAB <class>#<test> TAB <passed|failed|skipped>".
outcomes() { # run reports-dir
  awk -v run="$1" -v OFS='\t' '
    function flush() { if (open) print run, cls "#" (name == "" ? "(class)" : name), status; open = 0 }
    /<testcase / {
      flush()
      match($0, /name="[^"]*"/); name = substr($0, RSTART + 6, RLENGTH - 7)
      match($0, /classname="[^"]*"/); cls = substr($0, RSTART + 11, RLENGTH - 12)
      if (cls ~ /\$/) next  # a nested catalogue case: runs (and counts) inside its *CatalogueTest
      open = 1; status = "passed"
      if ($0 ~ /\/>[[:space:]]*$/) flush()
      next
    }
    /<(failure|error)[ >\/]/ && open { status = "failed" }
    /<skipped[ >\/]/ && open { status = "skipped" }
    /<\/testcase>/ { flush() }
    END { flush() }
  ' "$2"/TEST-*.xml
}

printf '%-4s | %8s | %5s | %6s | %6s | %7s | %s\n' run seconds tests failed skipped result "namespaces of ours left" >"$out/table.txt"
bad=0
for i in $(seq "$runs"); do
  start=$(date +%s)
  rc=0
  mvn -B -o verify -pl k8s-net-test-examples -am -Dtest='io/k8snettest/examples/**/*Test, !io/k8snettest/examples/faults/**' \
    -Dsurefire.failIfNoSpecifiedTests=false >"$out/run-$i.log" 2>&1 || rc=$?
  secs=$(( $(date +%s) - start ))
  reports=k8s-net-test-examples/target/surefire-reports
  if compgen -G "$reports/TEST-*.xml" >/dev/null; then outcomes "$i" "$reports" >>"$out/outcomes.txt"; fi
  tests=$(awk -F'\t' -v r="$i" '$1==r' "$out/outcomes.txt" | wc -l)
  failed=$(awk -F'\t' -v r="$i" '$1==r && $3=="failed"' "$out/outcomes.txt" | wc -l)
  skipped=$(awk -F'\t' -v r="$i" '$1==r && $3=="skipped"' "$out/outcomes.txt" | wc -l)
  left=$("${kubectl[@]}" get namespaces -l app.kubernetes.io/managed-by=k8s-net-test -o name | paste -sd, -)
  result=ok
  if ((rc != 0 || failed > 0 || skipped > 0 || tests == 0)) || [[ -n "$left" ]]; then result=BAD; bad=1; fi
  printf '%-4s | %8s | %5s | %6s | %6s | %7s | %s\n' "$i" "$secs" "$tests" "$failed" "$skipped" "$result" "${left:--}" >>"$out/table.txt"
  stamp "run $i/$runs: $result in ${secs}s ($tests tests, $failed failed, $skipped skipped, left: ${left:-none})"
  [[ -n "$left" ]] && "${kubectl[@]}" delete namespace ${left//,/ } --wait=false >/dev/null 2>&1 || true
done

echo
cat "$out/table.txt"
echo
# A test is flaky if its outcome was not "passed" in some run.
awk -F'\t' '$3 != "passed" {n[$2]++; runs[$2] = runs[$2] " " $1 "(" $3 ")"} END {for (t in n) print t ":" runs[t]}' \
  "$out/outcomes.txt" | sort >"$out/flakes.txt"
if [[ -s "$out/flakes.txt" ]]; then
  echo "tests that did not pass in every run:"; cat "$out/flakes.txt"
else
  echo "every test passed in every run ($runs runs)"
fi
secs=$(awk -F'|' 'NR>1 {s+=$2; n++} END {if (n) printf "%.0f s mean, ", s/n}' "$out/table.txt")
echo "${secs}reports in $out"
exit "$bad"
