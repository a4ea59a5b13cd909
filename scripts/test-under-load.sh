#!/usr/bin/env bash
# Runs the test command (scripts/test.sh) N times (default 3) with two CPU-bound processes beside it, as
# docs/reliability.md describes: the suite must stay a trustworthy signal on a busy machine. The hogs are stress-ng
# CPU workers (Debian's stress-ng, installed when missing), bounded in time, stopped after each run.
# Prints one line per run and the summary of each run's own closing line; exits non-zero if any run failed.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
log() { echo "test-under-load: $*" >&2; }

if ! command -v stress-ng >/dev/null 2>&1; then
  log "installing stress-ng"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq stress-ng >/dev/null || { log "apt-get failed"; exit 1; }
fi

status=0
for run in $(seq 1 "$runs"); do
  out=$(mktemp)
  # Two CPU hogs on the two cores, bounded: they end by themselves after 40 minutes at the latest.
  stress-ng --cpu 2 --timeout 2400s >/dev/null 2>&1 &
  hogs=$!
  start=$(date +%s)
  scripts/test.sh >"$out" 2>&1
  code=$?
  kill "$hogs" 2>/dev/null; wait "$hogs" 2>/dev/null
  summary=$(tail -n 1 "$out")
  echo "run $run: exit $code, $(( $(date +%s) - start )) s, $summary (log: $out)"
  [[ $code -eq 0 ]] || status=1
  grep -E '^\s+Failed ' "$out" | sed 's/^/    /'
done
exit "$status"
