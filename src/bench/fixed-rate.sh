#!/usr/bin/env bash
# Fixed rate (open loop) against the Go peer, same run (issue 10 §4: 2,000 req/s of typical reviews, p99 <= the
# peer's): for each rep, ours (started as src/bench/lib.sh does, pinned to CPU 1) and then the harness's
# `go-baseline -decode=typed` (same certificate, pinned to CPU 1, GOMAXPROCS=1), each driven by src/bench/soak.sh's
# open-loop generator on CPU 0 over one payload: WARMUP s at the rate (reported apart), then DURATION s measured,
# per INTERVAL p50/p99/max and RSS. Prints both SUMMARY lines per rep.
#
# Usage: src/bench/fixed-rate.sh
# Environment: RATE [2000] req/s, DURATION [30] s, WARMUP [20] s, INTERVAL [10s], PAYLOAD [typical], REPS [2],
#   CONNS [32], BENCH_DIR, JVM_FLAGS, PEER_PORT [8447]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
export RATE="${RATE:-2000}" DURATION="${DURATION:-30}" WARMUP="${WARMUP:-20}" INTERVAL="${INTERVAL:-10s}"
PAYLOAD="${PAYLOAD:-typical}"; REPS="${REPS:-2}"; PEER_PORT="${PEER_PORT:-8447}"

work="$(mktemp -d /tmp/psi-fixed-rate.XXXXXX)"
peer=""
trap '[[ -n "$peer" ]] && kill "$peer" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
bench="$(harness_copy)"
mkdir -p "$work/payload"
cp "$bench/payloads/$PAYLOAD.json" "$work/payload/"
export BENCH_DIR="$bench"

for rep in $(seq 1 "$REPS"); do
  echo "== rep $rep: ours, $RATE req/s of $PAYLOAD"
  "$here/soak.sh" "$work/payload" | tee "$work/ours-$rep.txt" | grep -v '^== runtime' || true
  echo "== rep $rep: go-typed, $RATE req/s of $PAYLOAD"
  GOMAXPROCS=1 taskset -c 1 "$bench/bin/go-baseline" -port "$PEER_PORT" -cert "$bench/certs/server.crt" \
    -key "$bench/certs/server.key" -config "$bench/registries.json" -decode typed > "$work/go-$rep.log" 2>&1 &
  peer=$!
  for _ in $(seq 1 3000); do   # bounded: 30 s
    curl -sk -o /dev/null "https://127.0.0.1:$PEER_PORT/" 2>/dev/null && break
    sleep 0.01
  done
  URL="https://127.0.0.1:$PEER_PORT/mutate?timeout=10s" PID="$peer" "$here/soak.sh" "$work/payload" \
    | tee "$work/go-$rep.txt" || true
  kill "$peer" 2>/dev/null || true; wait "$peer" 2>/dev/null || true; peer=""
done

echo "== summary ($RATE req/s of $PAYLOAD, ${DURATION} s measured after ${WARMUP} s; $(nproc) CPUs,$(awk -F: '/model name/{print $2; exit}' /proc/cpuinfo); files in $work)"
for rep in $(seq 1 "$REPS"); do
  for t in ours go; do
    printf 'rep %s %-4s %s\n' "$rep" "$t" "$(grep '^SUMMARY' "$work/$t-$rep.txt" || echo 'no summary')"
  done
done
