#!/usr/bin/env bash
# Where a request's CPU time or allocation goes: starts the app as the image does (lib.sh) with async-profiler
# (tools.profiler:async-profiler from Maven Central, copied into target/async-profiler), loads it for WARM s, then for
# MEASURE s, and prints, for the measured window only, each thread's share and the top frames of THREADS_OF
# (EVENT=itimer: self time; EVENT=alloc: allocation sites, "caller -> type"). LOAD=wrk: reviews on CONNS kept-alive
# connections; LOAD=handshakes: `openssl s_time -new`, one full TLS handshake after another (what a new connection
# costs; THREADS_OF=tls-handshake for the handshake thread). The collapsed stacks stay in the printed
# directory (flame graphs: async-profiler's converter, or any collapsed-stack tool).
#
# Usage: src/bench/profile.sh [extra -D... for the app]
# Environment: LOAD [wrk] (or handshakes), THREADS_OF [vert.x-eventloop], EVENT [itimer] (or alloc), PAYLOAD [typical],
#   CONNS [32], WARM [20], MEASURE [20], CHUNK [5] (s per
#   profile file), TOP [25], AP_VERSION [4.1], BENCH_DIR, AOT_APP, RUNTIME, JVM_FLAGS (lib.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
EVENT="${EVENT:-itimer}"; PAYLOAD="${PAYLOAD:-typical}"; CONNS="${CONNS:-32}"
WARM="${WARM:-20}"; MEASURE="${MEASURE:-20}"; CHUNK="${CHUNK:-5}"; TOP="${TOP:-25}"; AP_VERSION="${AP_VERSION:-4.1}"
LOAD="${LOAD:-wrk}"; THREADS_OF="${THREADS_OF:-vert.x-eventloop}"
command -v "$([[ "$LOAD" == handshakes ]] && echo openssl || echo wrk)" >/dev/null \
  || { echo "profile.sh: needs $([[ "$LOAD" == handshakes ]] && echo openssl || echo wrk)" >&2; exit 2; }

ap_dir="$repo/target/async-profiler"
lib="$ap_dir/linux-x64/libasyncProfiler.so"
if [[ ! -f "$lib" ]]; then
  (cd "$repo" && ./mvnw -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION:jar:linux-x64" \
    -DoutputDirectory="$ap_dir") >&2
  (cd "$ap_dir" && unzip -o -q "async-profiler-$AP_VERSION-linux-x64.jar" 'linux-x64/*')
fi

ensure_packaged
bench="$(harness_copy)"
work="$(mktemp -d /tmp/psi-profile.XXXXXX)"
trap 'stop_app' EXIT
trap 'exit 130' INT TERM
write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
interval=1ms; [[ "$EVENT" == alloc ]] && interval=512k
start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app.log" \
  "-agentpath:$lib=start,event=$EVENT,interval=$interval,threads,loop=${CHUNK}s,file=$work/p-%t.collapsed,collapsed" "$@"
echo "== app ready in ${READY_MS} ms; profiling $EVENT under $([[ "$LOAD" == handshakes ]] && echo "full TLS handshakes" \
  || echo "$PAYLOAD at $CONNS connections")"
load() {
  if [[ "$LOAD" == handshakes ]]; then
    taskset -c 0 openssl s_time -connect "127.0.0.1:${SSL_PORT:-8446}" -new -time "$1" 2>/dev/null | grep 'connections in.*real'
  else
    THREADS=1 WRK_CPUS=0 "$bench/run.sh" "https://127.0.0.1:${SSL_PORT:-8446}/mutate" "$bench/payloads/$PAYLOAD.json" \
      "$1" "$CONNS" | grep RESULT
  fi
}
load "$WARM" | sed 's/^/   warm-up: /'
from="$(date -u +%Y%m%d-%H%M%S)"
load "$MEASURE" | sed 's/^/   measured: /'
to="$(date -u +%Y%m%d-%H%M%S)"
stop_app
# the profile files that started inside the measured window and were finished in it
chunks=()
for f in "$work"/p-*.collapsed; do
  t="$(basename "$f" .collapsed)"; t="${t#p-}"
  [[ "$t" > "$from" || "$t" == "$from" ]] && [[ "$t" < "$to" ]] && chunks+=("$f")
done
[[ ${#chunks[@]} -gt 1 ]] && unset 'chunks[${#chunks[@]}-1]'   # the last one was cut by the end of the run
[[ ${#chunks[@]} -gt 0 ]] || { echo "profile.sh: no complete profile file in the measured window ($work)" >&2; exit 1; }
cat "${chunks[@]}" > "$work/measured.collapsed"
echo "== ${#chunks[@]} files of ${CHUNK} s from the measured window: $work/measured.collapsed"
echo "-- share per thread"
awk '{ n = $NF; split($1, a, ";"); t = a[1]; sub(/ tid=[0-9]+\]$/, "", t); sub(/[0-9]+$/, "", t); s[t] += n; all += n }
     END { for (k in s) if (s[k] * 100 >= all) printf "   %5.1f%%  %s\n", 100 * s[k] / all, k }' \
  "$work/measured.collapsed" | sort -rn
echo "-- $THREADS_OF threads: top $TOP $([[ "$EVENT" == alloc ]] && echo "allocation sites (caller -> type)" || echo "frames by self time")"
grep "^\\[$THREADS_OF" "$work/measured.collapsed" \
  | awk -v alloc="$([[ "$EVENT" == alloc ]] && echo 1 || echo 0)" '{ n = $NF; $NF = ""; k = split($0, f, ";"); g = f[k]
        sub(/ +$/, "", g); if (alloc) g = f[k - 1] " -> " g; s[g] += n; all += n }
      END { for (g in s) printf "   %5.1f%%  %s\n", 100 * s[g] / all, g }' | sort -rn | head -"$TOP"
