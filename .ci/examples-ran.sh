#!/usr/bin/env bash
# Fails unless the examples ran and none was skipped (Surefire alone passes a run whose examples all
# skipped). Reads the Surefire XML reports of the examples module: the sums of tests= and skipped=.
set -Eeuo pipefail
reports=${1:-k8s-net-test-examples/target/surefire-reports}
tests=0 skipped=0 suites=0
shopt -s nullglob
for xml in "$reports"/TEST-*.xml; do
  suite=$(grep -m1 -o '<testsuite [^>]*>' "$xml")
  t=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$suite")
  s=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$suite")
  tests=$((tests + ${t:-0})) skipped=$((skipped + ${s:-0})) suites=$((suites + 1))
  if (( ${s:-0} > 0 )); then echo "examples-ran: $(basename "$xml" .xml | sed 's/^TEST-//') skipped ${s} test(s)" >&2; fi
done
echo "examples-ran: $suites classes, $tests tests, $skipped skipped (from $reports)" >&2
if (( tests == 0 )); then echo "examples-ran: no example ran" >&2; exit 1; fi
if (( skipped > 0 )); then echo "examples-ran: $skipped example(s) skipped; every example must run" >&2; exit 1; fi
