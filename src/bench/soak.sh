#!/usr/bin/env bash
# Soak: a fixed rate of requests (open loop) for a bounded time against the packaged app, started pinned to CPU 1
# with the Deployment's JVM flags (lib.sh); prints per-minute requests, errors, p50/p99/max latency and RSS, and a
# summary. Exit status 1 on any error.
#
# Usage: src/bench/soak.sh [DIR]
#   DIR  directory of AdmissionReview bodies (*.json, *.expected.json ignored), sent round-robin;
#        default: the harness payloads (small, typical, large) from ../shared/bench
# Environment: RATE [500] req/s, DURATION [600] seconds, INTERVAL [60s], CONNS [32],
#   WARMUP [30] seconds at the same rate before the measured run (a fresh JVM on one core needs several seconds of
#   JIT compilation and TLS handshakes before it keeps up; reported separately, 0 to measure from a cold start),
#   URL (use an already running server instead of starting one; PID then for RSS), BENCH_DIR, JVM_FLAGS
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
RATE="${RATE:-500}"; DURATION="${DURATION:-600}"; INTERVAL="${INTERVAL:-60s}"; CONNS="${CONNS:-32}"; WARMUP="${WARMUP:-30}"

work="$(mktemp -d /tmp/psi-soak.XXXXXX)"
trap 'stop_app' EXIT
trap 'exit 130' INT TERM
(cd "$here/tools" && GOPROXY=off GOFLAGS=-mod=mod go build -o "$work/loadgen" ./loadgen)

bench=""
if [[ -z "${1:-}" || -z "${URL:-}" ]]; then bench="$(harness_copy)"; fi
dir="${1:-$bench/payloads}"
cacert=""
if [[ -z "${URL:-}" ]]; then
  ensure_packaged
  write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
  start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app.log"
  echo "== app pid $APP_PID ready in ${READY_MS} ms; JVM: $JAVA_CMD"
  URL="https://127.0.0.1:${SSL_PORT:-8446}/mutate?timeout=10s"; PID="$APP_PID"; cacert="$bench/certs/ca.crt"
fi
echo "== $(nproc) CPUs, $(awk -F: '/model name/{print $2; exit}' /proc/cpuinfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
pin=(); [[ "${PIN:-1}" == 1 ]] && pin=(taskset -c 0)
if (( WARMUP > 0 )); then
  echo "== warm-up: ${WARMUP} s at $RATE req/s (not part of the result)"
  "${pin[@]}" "$work/loadgen" -url "$URL" -dir "$dir" -rate "$RATE" -duration "${WARMUP}s" -interval 10s \
    -conns "$CONNS" -cacert "$cacert" -pid "${PID:-0}" | sed 's/^/   warm-up: /' || true
fi
"${pin[@]}" "$work/loadgen" -url "$URL" -dir "$dir" -rate "$RATE" -duration "${DURATION}s" -interval "$INTERVAL" \
  -conns "$CONNS" -cacert "$cacert" -pid "${PID:-0}" | tee "$work/soak.txt"
status=${PIPESTATUS[0]}
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg); output: $work/soak.txt"
exit "$status"
