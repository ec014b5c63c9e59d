#!/usr/bin/env bash
# HTTP benchmark against the Go peer, same run, same machine: starts the packaged app pinned to CPU 1 with the
# harness's certificate and registry map, runs the shared harness (../shared/bench/compare.sh, from a scratch copy)
# with PIN=1 GO_TYPED=1, and prints the ratio table against go-typed, peak RSS of both, and start-up-to-ready time.
#
# Usage: src/bench/http-bench.sh
# Environment (defaults in brackets):
#   CONNS [32]        wrk connections (1 for the latency table)
#   PAYLOADS ["small typical large"]   harness payload names (files payloads/NAME.json in the harness)
#   DURATION [10] REPS [3] WARMUP [30]  passed to compare.sh (WARMUP: seconds per target and payload, JIT warm-up)
#   RULES [0]         >0: start the app with RULES registry patterns in total (the harness map + generated ones that
#                     match none of the payloads' images), for the flatness figure
#   BUILD [0]         1: ./mvnw package first even if target/quarkus-app exists
#   BENCH_DIR [../shared/bench]   the harness
#   JVM_FLAGS         override the Deployment's JVM flags (see lib.sh)
#   SSL_PORT [8446] MGMT_PORT [9446]
# Results: the harness's results directory (printed), plus summary.txt in it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

CONNS="${CONNS:-32}"; PAYLOADS="${PAYLOADS:-small typical large}"; RULES="${RULES:-0}"
export DURATION="${DURATION:-10}" REPS="${REPS:-3}" WARMUP="${WARMUP:-30}"

ensure_packaged
bench="$(harness_copy)"
work="$(mktemp -d /tmp/psi-http.XXXXXX)"
sampler=""
cleanup() {
  [[ -n "$sampler" ]] && kill "$sampler" 2>/dev/null || true
  stop_app
}
trap cleanup EXIT
trap 'exit 130' INT TERM

write_registry_config "$bench/registries.json" "$RULES" "$work/registries.properties"
echo "== registry patterns: $(wc -l < "$work/registries.properties")"
start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app.log"
echo "== app pid $APP_PID ready in ${READY_MS} ms (launch to /q/health/ready UP), JVM: $JAVA_CMD"

# Peak RSS of ours and of the typed Go peer, sampled every second while the harness runs (bounded by its lifetime).
peer_port=$(( ${PORT:-8443} + 2 ))
(
  peer=""
  while kill -0 "$APP_PID" 2>/dev/null; do
    # ss -p walks every process's descriptors: look the peer up until found, not every second (1-connection latency)
    if [[ -z "$peer" || ! -r "/proc/$peer/status" ]]; then peer="$(pid_of_port "$peer_port" || true)"; fi
    echo "$(date +%s) ours_rss=$(rss_kb "$APP_PID") ours_hwm=$(hwm_kb "$APP_PID") peer_hwm=$([[ -n "$peer" ]] && hwm_kb "$peer" || echo NA)"
    sleep 1
  done
) > "$work/rss.log" 2>/dev/null &
sampler=$!

(cd "$bench" && CONNS="$CONNS" PAYLOADS="$PAYLOADS" PIN=1 GO_TYPED=1 ./compare.sh \
  "quarkus=https://127.0.0.1:${SSL_PORT:-8446}/mutate?timeout=10s") | tee "$work/compare.out"
res="$bench/$(grep -o 'results/[0-9TZ]*' "$work/compare.out" | tail -1)"

sleep 2
rss_after="$(rss_kb "$APP_PID")"
hwm_ours="$(hwm_kb "$APP_PID")"
hwm_peer="$(grep -o 'peer_hwm=[0-9]*' "$work/rss.log" | cut -d= -f2 | sort -n | tail -1)"

{
  echo
  echo "## pull-secret-injector vs go-typed (same run; $(date -u +%Y-%m-%dT%H:%MZ); conns=$CONNS rules=$(wc -l < "$work/registries.properties"); load avg now: $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "| payload | ours req/s | go-typed req/s | req/s ratio | ours p50 ms | ours p99 ms | go-typed p99 ms | ours CPU us/req | go-typed CPU us/req | CPU ratio (theirs/ours) | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'|' '
    function t(s) { gsub(/^ +| +$/, "", s); return s }
    NR > 2 { p = t($2); g = t($3); rps[p, g] = t($4); p50[p, g] = t($6); p99[p, g] = t($7); cpu[p, g] = t($9); err[p, g] = t($14); seen[p] = 1; order[++n] = p }
    END {
      for (i = 1; i <= n; i++) { p = order[i]; if (done[p]++) continue
        q = rps[p, "quarkus"]; g = rps[p, "go-typed"]
        printf "| %s | %s | %s | %.2fx | %s | %s | %s | %s | %s | %.2fx | %s |\n", p, q, g, (g > 0 ? q / g : 0),
          p50[p, "quarkus"], p99[p, "quarkus"], p99[p, "go-typed"], cpu[p, "quarkus"], cpu[p, "go-typed"],
          (cpu[p, "quarkus"] > 0 ? cpu[p, "go-typed"] / cpu[p, "quarkus"] : 0), err[p, "quarkus"] }
    }' "$res/table.md"
  echo
  echo "start-up to ready: ${READY_MS} ms"
  echo "RSS: ours ${rss_after} kB after the run (peak ${hwm_ours} kB); go-typed peak ${hwm_peer:-NA} kB"
  echo "JVM: $RUNTIME_LABEL; $JAVA_CMD (MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX), pinned: java on CPU 1 with -XX:ActiveProcessorCount=1, wrk on CPU 0"
} | tee "$res/summary.txt"
cp "$work/rss.log" "$work/app.log" "$res/" 2>/dev/null || true
echo "results: $res"
