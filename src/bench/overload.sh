#!/usr/bin/env bash
# Overload must never become a collapse (issue 10, section 3). For each target (ours, and the harness's Go peer
# `go-baseline -decode=typed` with the same certificate), pinned to CPU 1, while a busy loop keeps CPU 0 (the load
# generator's core) busy:
#   1. cold start: from the first ready moment, RATE req/s open loop, every NEW_CONN_EVERY-th request on a new TLS
#      connection, COLD s; pass: >= 99% answered (200, allowed) within the caller's timeout;
#   2. capacity C: closed loop, 32 workers back to back, same mix, CAP_SECONDS s: answers/s;
#   3. overload: RATE req/s for 10 s, then OVER_FACTOR x C for OVER_SECONDS s, then RATE again for 20 s, with as many
#      connections as the client wants (an API server opens one per concurrent call); pass: answers within the
#      deadline >= 80% of C in every second of the overload, and per-second p99 < 5 ms again within 10 s after it.
# The caller's timeout is TIMEOUT, sent as ?timeout= like the API server does and enforced by the client.
#
# Usage: src/bench/overload.sh [ours] [go]        (default: both)
# Environment: RATE [300], NEW_CONN_EVERY [10], TIMEOUT [5s], COLD [30], CAP_SECONDS [10], OVER_FACTOR [2],
#   OVER_SECONDS [10], STEPS ["cold overload"] (cold: step 1 only; overload: steps 2 and 3), HOG [1] (0: no busy loop), KEY_TYPE [rsa] (ec: P-256 certificate for both), BENCH_DIR, JVM_FLAGS,
#   plus JVM system properties for ours in APP_OPTS (e.g. APP_OPTS=-Dinjector.warm-up.requests=0)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
RATE="${RATE:-300}"; NEW_CONN_EVERY="${NEW_CONN_EVERY:-10}"; TIMEOUT="${TIMEOUT:-5s}"; COLD="${COLD:-30}"
CAP_SECONDS="${CAP_SECONDS:-10}"; OVER_FACTOR="${OVER_FACTOR:-2}"; OVER_SECONDS="${OVER_SECONDS:-10}"
STEPS="${STEPS:-cold overload}"
targets=("$@"); [[ ${#targets[@]} -gt 0 ]] || targets=(ours go)

work="$(mktemp -d /tmp/psi-overload.XXXXXX)"
peer=""
cleanup() {
  stop_hog
  [[ -n "$peer" ]] && kill "$peer" 2>/dev/null || true
  stop_app
}
trap cleanup EXIT
trap 'exit 130' INT TERM
(cd "$here/tools" && GOPROXY=off GOFLAGS=-mod=mod go build -o "$work/loadgen" ./loadgen)
bench="$(harness_copy)"
if [[ "${KEY_TYPE:-rsa}" == ec ]]; then (cd "$bench" && rm -rf certs && KEY_TYPE=ec ./certs.sh >/dev/null); fi
ensure_packaged
write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
port="${SSL_PORT:-8446}"
url="https://127.0.0.1:$port/mutate?timeout=$TIMEOUT"
[[ "${HOG:-1}" == 1 ]] && start_hog
echo "# $(date -u +%FT%TZ) $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), hog on CPU 0: ${HOG:-1}," \
  "certificate $(openssl x509 -in "$bench/certs/server.crt" -noout -text | grep -m1 -o 'Public Key Algorithm: .*')"

loadgen() { taskset -c 0 "$work/loadgen" -url "$url" -dir "$bench/payloads" -cacert "$bench/certs/ca.crt" \
  -timeout "$TIMEOUT" -new-conn-every "$NEW_CONN_EVERY" -interval 1s "$@"; }

start_target() { # name -> sets pid of the server, READY_MS
  case "$1" in
    ours)
      # shellcheck disable=SC2086
      start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/ours.log" \
        ${APP_OPTS:-}
      server="$APP_PID" ;;
    go)
      local t0; t0="$(date +%s%N)"
      GOMAXPROCS=1 taskset -c 1 "$bench/bin/go-baseline" -port "$port" -cert "$bench/certs/server.crt" \
        -key "$bench/certs/server.key" -config "$bench/registries.json" -decode typed > "$work/go.log" 2>&1 &
      peer=$!; server=$peer
      local i
      for i in $(seq 1 3000); do
        curl -sk -o /dev/null "https://127.0.0.1:$port/" 2>/dev/null && break
        sleep 0.01
      done
      READY_MS=$(( ($(date +%s%N) - t0) / 1000000 )) ;;
  esac
}
stop_target() {
  [[ "$1" == ours ]] && stop_app
  if [[ "$1" == go ]]; then kill "$peer" 2>/dev/null || true; wait "$peer" 2>/dev/null || true; peer=""; fi
}

verdict=0
for t in "${targets[@]}"; do
  start_target "$t"
  if [[ " $STEPS " == *" cold "* ]]; then
  echo "== $t: ready in ${READY_MS} ms; cold start: $RATE req/s for ${COLD} s, every ${NEW_CONN_EVERY}th request on a new connection"
  loadgen -rate "$RATE" -duration "${COLD}s" -conns 1000 -pid "$server" > "$work/$t-cold.txt" 2>&1 || true
  cat "$work/$t-cold.txt"
  awk '/^SUMMARY/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       ok = v["requests"] - v["errors"]; share = 100 * ok / v["requests"]
       printf "COLD %s: %d of %d answered within the timeout (%.2f%%) -> %s\n", t, ok, v["requests"], share,
         (share >= 99 ? "PASS" : "FAIL") }' t="$t" "$work/$t-cold.txt" | tee -a "$work/verdicts.txt"
  awk '$1 == "1s" { printf "FIRST SECOND %s: p99 %s ms over %s requests\n", t, $5, $2 }' t="$t" "$work/$t-cold.txt" \
    | tee -a "$work/verdicts.txt"
  fi
  if [[ " $STEPS " != *" overload "* ]]; then stop_target "$t"; continue; fi

  echo "== $t: capacity, closed loop, 32 workers, ${CAP_SECONDS} s"
  loadgen -closed 32 -duration "${CAP_SECONDS}s" -conns 32 -pid "$server" > "$work/$t-cap.txt" 2>&1 || true
  cat "$work/$t-cap.txt"
  cap="$(awk '/^SUMMARY/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       printf "%d", (v["requests"] - v["errors"]) / dur }' dur="$CAP_SECONDS" "$work/$t-cap.txt")"
  if [[ "$cap" -le 0 ]]; then
    echo "OVERLOAD $t: no capacity measured (0 answers/s) -> FAIL" | tee -a "$work/verdicts.txt"; stop_target "$t"; continue
  fi
  over=$(( cap * OVER_FACTOR ))
  echo "== $t: capacity C = $cap answers/s; overload: $RATE req/s 10 s, $over req/s ${OVER_SECONDS} s, $RATE req/s 20 s"
  loadgen -phases "$RATE:10s,$over:${OVER_SECONDS}s,$RATE:20s" -conns 100000 -max-in-flight 100000 -pid "$server" \
    > "$work/$t-over.txt" 2>&1 || true
  cat "$work/$t-over.txt"
  # Per-second rows: t, requests, errors, ..., ok_p99_ms (last column). Overload seconds: 11..10+OVER_SECONDS.
  awk -v t="$t" -v cap="$cap" -v os="$OVER_SECONDS" '
    $1 ~ /^[0-9]+s$/ { s = $1 + 0; ok[s] = $2 - $3; p99[s] = $5; n[s] = $2; if (s > last) last = s }
    END {
      worst = -1
      for (s = 11; s <= 10 + os; s++) { r = (s in ok) ? ok[s] : 0; if (worst < 0 || r < worst) worst = r }
      rec = -1
      for (s = 11 + os; s <= last; s++) {
        good = 1
        for (u = s; u <= last; u++) if (p99[u] >= 5) good = 0
        if (good) { rec = s - 10 - os; break }
      }
      printf "OVERLOAD %s: worst second of the overload %d answers within the deadline = %.0f%% of C=%d -> %s\n",
        t, worst, 100 * worst / cap, cap, (worst >= 0.8 * cap ? "PASS" : "FAIL")
      if (rec < 0) printf "RECOVERY %s: p99 never stayed under 5 ms after the overload -> FAIL\n", t
      else printf "RECOVERY %s: per-second p99 < 5 ms from second %d after the overload on -> %s\n", t, rec,
        (rec <= 10 ? "PASS" : "FAIL")
    }' "$work/$t-over.txt" | tee -a "$work/verdicts.txt"
  [[ "$t" == ours ]] && grep -E "Warm-up|abandoned" "$work/ours.log" | head -3 || true
  stop_target "$t"
done
echo "== verdicts (files in $work)"
cat "$work/verdicts.txt"
