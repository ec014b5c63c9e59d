#!/usr/bin/env bash
# System calls per request: starts the app as the image does (lib.sh), loads it with wrk for WARM s, then counts the
# app's read/write/writev/epoll_wait calls with `perf stat` (tracepoints syscalls:sys_enter_*) over a MEASURE s wrk
# run, and divides by the requests wrk completed in it. Shows whether answers are written (and bodies read) in one
# system call each, and how many connections one epoll wake-up serves.
#
# Usage: src/bench/syscalls.sh [extra -D... for the app]
# Environment: PAYLOAD [typical], CONNS [32], WARM [15], MEASURE [10], BENCH_DIR, AOT_APP, RUNTIME, JVM_FLAGS (lib.sh)
# Needs perf (linux-perf) with access to tracepoints (root, or kernel.perf_event_paranoid <= -1).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
PAYLOAD="${PAYLOAD:-typical}"; CONNS="${CONNS:-32}"; WARM="${WARM:-15}"; MEASURE="${MEASURE:-10}"
for tool in perf wrk; do command -v "$tool" >/dev/null || { echo "syscalls.sh: needs $tool" >&2; exit 2; }; done

ensure_packaged
bench="$(harness_copy)"
work="$(mktemp -d /tmp/psi-syscalls.XXXXXX)"
trap 'stop_app' EXIT
trap 'exit 130' INT TERM
write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app.log" "$@"
url="https://127.0.0.1:${SSL_PORT:-8446}/mutate"
echo "== app ready in ${READY_MS} ms; $PAYLOAD at $CONNS connections, ${WARM} s warm-up, ${MEASURE} s counted"
THREADS=1 WRK_CPUS=0 "$bench/run.sh" "$url" "$bench/payloads/$PAYLOAD.json" "$WARM" "$CONNS" | grep RESULT \
  | sed 's/^/   warm-up: /'
events=syscalls:sys_enter_read,syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_epoll_wait
perf stat -x, -e "$events" -p "$APP_PID" -o "$work/perf.csv" -- sleep "$MEASURE" &
perf_pid=$!
THREADS=1 WRK_CPUS=0 "$bench/run.sh" "$url" "$bench/payloads/$PAYLOAD.json" "$MEASURE" "$CONNS" | grep RESULT \
  > "$work/wrk.txt"
wait "$perf_pid"
sed 's/^/   counted: /' "$work/wrk.txt"
requests="$(grep -o 'requests=[0-9]*' "$work/wrk.txt" | cut -d= -f2)"
echo "-- system calls of the app per request (${requests} requests; the two windows differ by the tools' start-up)"
awk -F, -v n="$requests" '$3 ~ /^syscalls:/ { sub(/syscalls:sys_enter_/, "", $3); printf "   %-12s %10d  %6.2f per request\n", $3, $1, $1 / n }' \
  "$work/perf.csv"
