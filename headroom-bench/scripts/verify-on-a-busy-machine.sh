#!/usr/bin/env bash
# Runs the README's test command N times (default 3) while a CPU hog keeps every core busy, as a
# user's laptop running other builds would: the tests must pass every time. Prints one line per
# round and a closing "N passed, N failed" line; exits 1 when any round failed.
#   headroom-bench/scripts/verify-on-a-busy-machine.sh [ROUNDS] [extra ./mvnw arguments...]
set -uo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
shift || true
hogs=()
stop_hogs() { for p in "${hogs[@]}"; do kill "$p" 2>/dev/null; done; }
trap stop_hogs EXIT
for _ in $(seq 1 "$(nproc)"); do
  # Bounded: each hog ends by itself after an hour even if this script is killed.
  timeout 3600 sh -c 'while :; do :; done' &
  hogs+=($!)
done
mkdir -p target
passed=0 failed=0
for r in $(seq 1 "$rounds"); do
  log="target/busy-verify-$r.log"
  start=$(date +%s)
  if ./mvnw -B -ntp verify "$@" >"$log" 2>&1; then
    passed=$((passed + 1)); verdict=passed
  else
    failed=$((failed + 1)); verdict="FAILED (see $log)"
  fi
  tests=$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures' "$log" | grep -v ' -- in ' \
    | awk -F'[ ,]+' '{t+=$4; f+=$6+$8} END {print t " tests, " f " failed or in error"}')
  printf 'round %d: %s in %ds, load %s; %s\n' "$r" "$verdict" "$(( $(date +%s) - start ))" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$tests"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
