#!/usr/bin/env bash
# GC evidence for the image's collector and sizes: starts the app as the image does (lib.sh), once per collector, with
# -Xlog:gc*,safepoint, drives a fixed rate (open loop) of one harness payload, and prints per collector: client
# p50/p99, young pauses (count, p50/p99/max ms, interval), allocation rate, the live set after collections, the
# longest time to reach a safepoint, and RSS at the end.
#
# Usage: src/bench/gc-log.sh [collector...]     collectors: serial parallel g1 (default: all three)
# Environment: RATE [2000] req/s, DURATION [30] s, WARMUP [20] s at the same rate first, PAYLOAD [typical], BENCH_DIR,
#   EXTRA (more JVM options, e.g. "-Xmn24m")
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
RATE="${RATE:-2000}"; DURATION="${DURATION:-30}"; WARMUP="${WARMUP:-20}"; PAYLOAD="${PAYLOAD:-typical}"
collectors=("$@"); [[ ${#collectors[@]} -gt 0 ]] || collectors=(serial parallel g1)

work="$(mktemp -d /tmp/psi-gc.XXXXXX)"
trap 'stop_app' EXIT
trap 'exit 130' INT TERM
(cd "$here/tools" && GOPROXY=off GOFLAGS=-mod=mod go build -o "$work/loadgen" ./loadgen)
bench="$(harness_copy)"
mkdir -p "$work/payloads" && cp "$bench/payloads/$PAYLOAD.json" "$work/payloads/"
write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
ensure_packaged
echo "== $(date -u +%Y-%m-%dT%H:%MZ), load avg $(cut -d' ' -f1-3 /proc/loadavg); $RUNTIME_LABEL"

for gc in "${collectors[@]}"; do
  case "$gc" in
    serial) flag=-XX:+UseSerialGC ;; parallel) flag=-XX:+UseParallelGC ;; g1) flag=-XX:+UseG1GC ;;
    *) echo "unknown collector $gc" >&2; exit 2 ;;
  esac
  log="$work/gc-$gc.log"
  JVM_FLAGS="${JVM_FLAGS_DEFAULT/-XX:+UseSerialGC/$flag} ${EXTRA:-}" select_runtime
  start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app-$gc.log" \
    "-Xlog:gc*,safepoint:file=$log:uptime,level,tags"
  pin=(); [[ "${PIN:-1}" == 1 ]] && pin=(taskset -c 0)
  "${pin[@]}" "$work/loadgen" -url "https://127.0.0.1:${SSL_PORT:-8446}/mutate?timeout=10s" -dir "$work/payloads" \
    -rate "$RATE" -duration "${WARMUP}s" -interval "${WARMUP}s" -conns 32 -cacert "$bench/certs/ca.crt" > /dev/null || true
  t0="$(awk -F'[][s]' 'END { print $2 }' "$log")"
  "${pin[@]}" "$work/loadgen" -url "https://127.0.0.1:${SSL_PORT:-8446}/mutate?timeout=10s" -dir "$work/payloads" \
    -rate "$RATE" -duration "${DURATION}s" -interval "${DURATION}s" -conns 32 -cacert "$bench/certs/ca.crt" \
    -pid "$APP_PID" > "$work/load-$gc.txt" || true
  rss="$(rss_kb "$APP_PID")"
  stop_app
  echo "== $gc ($flag ${EXTRA:-}): client $(grep '^SUMMARY' "$work/load-$gc.txt" | cut -d' ' -f2-); RSS ${rss} kB"
  # Young pauses after warm-up: "[12.345s][info][gc] GC(7) Pause Young (Allocation Failure) 40M->9M(61M) 1.234ms"
  awk -v t0="$t0" '{ split($1, a, /[][s]/) } a[2] + 0 > t0' "$log" > "$work/measured-$gc.log"
  grep '\[gc *\] .* Pause .*ms$' "$work/measured-$gc.log" | awk '{ ms = $NF; sub(/ms$/, "", ms); print ms }' | sort -n > "$work/pauses" || true
  grep -o '\[gc *\] .* Pause .* [0-9]*M->[0-9]*M' "$work/measured-$gc.log" | grep -o '[0-9]*M->[0-9]*M' | tr -d M \
    | awk -F'->' '{ freed += $1 - $2; print $2 > "/dev/stderr" } END { print freed }' 2> "$work/after" > "$work/freed" || true
  reach="$(grep -o 'Reaching safepoint: [0-9]* ns' "$work/measured-$gc.log" | awk '{ if ($3 > m) m = $3 } END { printf "%.2f", m / 1e6 }' || true)"
  n="$(wc -l < "$work/pauses")"
  pct() { awk -v p="$1" -v n="$n" 'NR == (int(n * p) + 1 > n ? n : int(n * p) + 1)' "$work/pauses"; }
  if [[ "$n" -gt 0 ]]; then
    echo "   GC pauses $n ($(grep -c '\[gc *\] .*Pause Full.*ms$' "$work/measured-$gc.log" || true) full), p50 $(pct 0.5) ms, p99 $(pct 0.99) ms, max $(tail -1 "$work/pauses") ms," \
      "one every $(( DURATION * 1000 / n )) ms; allocation $(( $(cat "$work/freed") / DURATION )) MB/s;" \
      "heap after GC median $(sort -n "$work/after" | awk '{ v[NR] = $1 } END { print v[int(NR / 2) + 1] }') MB; longest time to safepoint ${reach} ms"
  else
    echo "   no GC pauses logged after warm-up"
  fi
done
echo "logs: $work"
