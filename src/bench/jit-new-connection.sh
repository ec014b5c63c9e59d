#!/usr/bin/env bash
# What the JIT does when a new connection arrives after a long run on one keep-alive connection: starts the packaged
# app pinned to CPU 1 with -XX:+PrintCompilation, drives one payload over ONE connection for WARM seconds (wrk), then
# measures a second wrk run of 5 s (a new connection) and counts the compilations and deoptimizations ("made not
# entrant") that happened during it, with the classes most affected.
#
# Usage: src/bench/jit-new-connection.sh [extra JVM options, e.g. -XX:PerMethodTrapLimit=0]
# Environment: WARM [60] s, PAYLOAD [small] (harness payload name), BENCH_DIR, JVM_FLAGS
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
WARM="${WARM:-60}"; PAYLOAD="${PAYLOAD:-small}"

work="$(mktemp -d /tmp/psi-jit.XXXXXX)"
trap 'stop_app' EXIT
trap 'exit 130' INT TERM
bench="$(harness_copy)"
ensure_packaged
write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app.log" \
  -XX:+UnlockDiagnosticVMOptions -XX:+PrintCompilation "$@"
url="https://127.0.0.1:${SSL_PORT:-8446}/mutate?timeout=10s"
pin=(); [[ "${PIN:-1}" == 1 ]] && pin=(taskset -c 0)
cd "$bench"
"${pin[@]}" wrk -t1 -c1 -d"${WARM}s" -s post.lua "$url" -- "payloads/$PAYLOAD.json" | grep RESULT | sed 's/^/warm-up:  /'
mark=$(wc -l < "$work/app.log")
"${pin[@]}" wrk -t1 -c1 -d5s -s post.lua "$url" -- "payloads/$PAYLOAD.json" | grep RESULT | sed 's/^/measured: /'
during="$(tail -n +"$((mark + 1))" "$work/app.log")"
echo "compilations during the measured 5 s: $(grep -c '::' <<<"$during" || true)"
echo "made not entrant during the measured 5 s: $(grep -c 'made not entrant' <<<"$during" || true)"
echo "classes most deoptimized:"
grep 'made not entrant' <<<"$during" | grep -o '[A-Za-z0-9_.$]*::' | sed 's/::$//' | sort | uniq -c | sort -rn | head -10 || true
