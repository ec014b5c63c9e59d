#!/usr/bin/env bash
# Cold start: what a freshly started replica does with traffic from the moment it reports ready. Starts the packaged
# app pinned to CPU 1 with the Deployment's JVM flags (lib.sh), and as soon as /q/health/ready answers UP sends a
# fixed rate of requests (open loop) over the harness payloads, every Nth on a new connection (a TLS handshake, as
# when API servers connect to a new endpoint); prints requests, errors, p50/p99/max and RSS per INTERVAL.
#
# Usage: src/bench/cold-start.sh
# Environment: RATE [300] req/s, DURATION [20] s, INTERVAL [2s], NEW_CONN_EVERY [10] (0: keep-alive only),
#   CONNS [32], BENCH_DIR, JVM_FLAGS
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
RATE="${RATE:-300}"; DURATION="${DURATION:-20}"; INTERVAL="${INTERVAL:-2s}"; NEW_CONN_EVERY="${NEW_CONN_EVERY:-10}"
CONNS="${CONNS:-32}"

work="$(mktemp -d /tmp/psi-cold.XXXXXX)"
trap 'stop_app' EXIT
trap 'exit 130' INT TERM
(cd "$here/tools" && GOPROXY=off GOFLAGS=-mod=mod go build -o "$work/loadgen" ./loadgen)
bench="$(harness_copy)"
ensure_packaged
write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app.log"
echo "== app pid $APP_PID ready in ${READY_MS} ms; $RATE req/s from now, every ${NEW_CONN_EVERY}th request on a new connection"
pin=(); [[ "${PIN:-1}" == 1 ]] && pin=(taskset -c 0)
"${pin[@]}" "$work/loadgen" -url "https://127.0.0.1:${SSL_PORT:-8446}/mutate?timeout=10s" -dir "$bench/payloads" \
  -rate "$RATE" -duration "${DURATION}s" -interval "$INTERVAL" -conns "$CONNS" -cacert "$bench/certs/ca.crt" \
  -new-conn-every "$NEW_CONN_EVERY" -pid "$APP_PID"
