#!/usr/bin/env bash
# Admission latency with the Kubernetes API unreachable vs without the cluster at all: starts the packaged app (pinned
# to CPU 1) with injector.cluster.enabled=false, then with injector.cluster.enabled=true and
# quarkus.kubernetes-client.api-server-url=https://127.0.0.1:1 (connection refused: informers keep retrying), and
# runs the harness's wrk script on each payload at 1 and 32 connections (wrk on CPU 0).
#
# Usage: src/bench/unreachable-api.sh
# Environment: PAYLOADS ["small typical large"], DURATION [10] s, WARMUP [20] s, BENCH_DIR, JVM_FLAGS
# The payload name typical-owner-warning is also accepted: typical (a Pod owned by a ReplicaSet) plus a container
# whose image the kubelet rejects, so every admission carries a warning and, with the cluster enabled, hands an Event
# on the owner to the background queue (deduplicated; with the API unreachable, dropped and counted). Disabled vs
# unreachable on it is the "admission latency does not change" check of the owner Events (issue 11).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
PAYLOADS="${PAYLOADS:-small typical large}"; DURATION="${DURATION:-10}"; WARMUP="${WARMUP:-20}"
work="$(mktemp -d /tmp/psi-unreachable.XXXXXX)"
trap 'stop_app' EXIT
trap 'exit 130' INT TERM
bench="$(harness_copy)"
ensure_packaged
write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
python3 - "$bench/payloads/typical.json" "$bench/payloads/typical-owner-warning.json" <<'PY'
import json, sys
review = json.load(open(sys.argv[1]))
review["request"]["object"]["spec"]["containers"].append({"name": "debug", "image": "registry.example.com/Shop/debug:1"})
json.dump(review, open(sys.argv[2], "w"))
PY
url="https://127.0.0.1:${SSL_PORT:-8446}/mutate?timeout=10s"
printf '| cluster | payload | conns | req/s | p50 ms | p99 ms | p99.9 ms | errors |\n|---|---|---:|---:|---:|---:|---:|---:|\n' > "$work/table.md"
for mode in disabled unreachable; do
  if [[ $mode == disabled ]]; then
    CLUSTER_ENABLED=false start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app-$mode.log"
  else
    CLUSTER_ENABLED=true start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app-$mode.log" \
      -Dquarkus.kubernetes-client.api-server-url=https://127.0.0.1:1 -Dinjector.namespace=pull-secret-injector
  fi
  echo "== cluster $mode: ready in ${READY_MS} ms"
  for p in $PAYLOADS; do
    [[ ! -f "$bench/payloads/$p.expected.json" ]] || \
      "$bench/bin/check" -q -url "$url" -cacert "$bench/certs/ca.crt" -payload "$bench/payloads/$p.json"
    THREADS=1 WRK_CPUS=0 "$bench/run.sh" "$url" "$bench/payloads/$p.json" "$WARMUP" 32 >/dev/null
    for c in 1 32; do
      line="$(THREADS=1 WRK_CPUS=0 "$bench/run.sh" "$url" "$bench/payloads/$p.json" "$DURATION" "$c" | grep '^RESULT')"
      get() { grep -o "$1=[^ ]*" <<<"$line" | cut -d= -f2; }
      printf '| %s | %s | %s | %.0f | %s | %s | %s | %s |\n' "$mode" "$p" "$c" "$(get rps)" "$(get p50_ms)" "$(get p99_ms)" \
        "$(get p999_ms)" "$(( $(get sock_errors) + $(get non2xx) ))" | tee -a "$work/table.md"
    done
  done
  echo "   log lines about the API connection: $(grep -c -i -E "unreachable|connect" "$work/app-$mode.log" || true)"
  stop_app
done
echo; cat "$work/table.md"
