#!/usr/bin/env bash
# How long the warm-up before readiness takes, and where the one core goes meanwhile: for each N in COUNTS, starts the
# app as src/bench/lib.sh does (pinned to CPU 1) with injector.warm-up.requests=N and the time limit raised to 60 s,
# waits for ready, and prints launch-to-ready, the warm-up's own log line, and the CPU time by then of the threads
# that used the most (JIT compiler threads, event loops, ...), from /proc/PID/task/*/stat.
#
# Usage: src/bench/warm-up-time.sh [extra JVM options]
# Environment: COUNTS ["100 400 1000"], TOP [6] threads shown, RUNTIME, AOT_APP, BENCH_DIR, JVM_FLAGS
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
ensure_packaged
bench="$(harness_copy)"
work="$(mktemp -d /tmp/psi-warm-up.XXXXXX)"
write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
trap 'stop_app' EXIT
trap 'exit 130' INT TERM
hz="$(getconf CLK_TCK)"
for n in ${COUNTS:-100 400 1000}; do
  start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app-$n.log" \
    -Dinjector.warm-up.requests="$n" -Dinjector.warm-up.max-duration=60s "$@"
  echo "N=$n: ready in $READY_MS ms; $(grep -o 'started in [0-9.]*s' "$work/app-$n.log"); $(grep -o 'Warm-up before readiness.*' "$work/app-$n.log")"
  for t in /proc/"$APP_PID"/task/*; do
    # comm may contain spaces: take the fields after the closing parenthesis
    awk -v hz="$hz" '{ line = $0; name = substr(line, index(line, "(") + 1); name = substr(name, 1, index(name, ")") - 1)
      rest = substr(line, index(line, ") ") + 2); split(rest, f, " "); printf "%8d ms  %s\n", (f[12] + f[13]) * 1000 / hz, name }' "$t/stat"
  done | sort -rn | head -"${TOP:-6}" | sed 's/^/    /'
  stop_app
done
