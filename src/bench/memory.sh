#!/usr/bin/env bash
# Where the app's resident memory goes: starts it as src/bench/lib.sh does (the image's way by default), prints RSS
# at ready, then after D seconds of each payload at 32 connections (wrk, pinned to CPU 0), then NMT's summary and
# the largest smaps mappings. Used for the README's "Resident memory" figures.
# Usage: src/bench/memory.sh [extra JVM options]     Environment: PAYLOADS, D (seconds per payload, 10), RUNTIME, AOT_APP
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
for c in wrk go; do command -v "$c" >/dev/null || { echo "memory.sh: $c not found (apt-get install -y wrk golang-go)" >&2; exit 2; }; done
ensure_packaged
bench="$(harness_copy)"
work="$(mktemp -d /tmp/psi-memory.XXXXXX)"
write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
trap 'stop_app' EXIT
start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app.log" \
  -XX:NativeMemoryTracking=summary "$@"
mb() { echo "$(( $1 / 1024 )) MB"; }
echo "ready in $READY_MS ms: RSS $(mb "$(rss_kb "$APP_PID")")"
for p in ${PAYLOADS:-small typical large}; do
  result="$(taskset -c 0 wrk -t1 -c32 -d"${D:-10}"s -s "$bench/post.lua" "https://127.0.0.1:${SSL_PORT:-8446}/mutate?timeout=10s" \
    -- "$bench/payloads/$p.json" | grep RESULT)"
  echo "after $p ($(awk '{print $2}' <<<"$result")): RSS $(mb "$(rss_kb "$APP_PID")"), peak $(mb "$(hwm_kb "$APP_PID")")"
done
jcmd_bin="$(dirname "$(readlink -f "/proc/$APP_PID/exe")")/jcmd"
echo "== NMT (committed)"
"$jcmd_bin" "$APP_PID" VM.native_memory summary | grep -E '^Total|^-' | sed 's/  */ /g'
echo "== largest mappings (smaps Rss)"
awk '/^[0-9a-f]+-[0-9a-f]+ /{name=$6; if(name=="")name="[anon]"} /^Rss:/{rss[name]+=$2} END{for(n in rss) if(rss[n]>1024) printf "%8.1f MB %s\n", rss[n]/1024, n}' \
  "/proc/$APP_PID/smaps" | sort -rn | head -8
