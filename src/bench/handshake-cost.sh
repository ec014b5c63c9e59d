#!/usr/bin/env bash
# CPU per TLS handshake: starts the app as the image does (lib.sh), pinned to CPU 1 with the harness's certificate
# (RSA-2048), and has `openssl s_time -new` (CPU 0) open one full handshake after another (no session reuse, no
# request) for WARM seconds, then for MEASURE seconds REPS times; prints handshakes per second and the app's CPU per
# handshake, in all and per thread (handshake thread, event loops, JIT...). Used to compare TLS engines
# (injector.tls.engine) and builds: AOT_APP, RUNTIME and JVM_FLAGS select what runs (lib.sh).
#
# Usage: src/bench/handshake-cost.sh [extra -D... for the app]
# Environment: WARM [8] MEASURE [8] REPS [2], BENCH_DIR, SSL_PORT [8446], MGMT_PORT [9446],
#   EXCEPTIONS [0]: 1 logs the JVM's exception events (-Xlog:exceptions=info) and prints them per handshake by type
#   (s_time resets each connection, so this shows what a connection closed by its client costs in exceptions)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
WARM="${WARM:-8}"; MEASURE="${MEASURE:-8}"; REPS="${REPS:-2}"
command -v openssl >/dev/null || { echo "handshake-cost.sh: needs openssl" >&2; exit 2; }

ensure_packaged
bench="$(harness_copy)"
work="$(mktemp -d /tmp/psi-handshake.XXXXXX)"
trap 'stop_app' EXIT
trap 'exit 130' INT TERM
write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
xlog=()
[[ "${EXCEPTIONS:-0}" == 1 ]] && xlog=("-Xlog:exceptions=info:file=$work/exceptions.log")
start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app.log" "${xlog[@]}" "$@"
echo "== app ready in ${READY_MS} ms; $(grep -o 'TLS engine: .*' "$work/app.log" | head -1)"

hz="$(getconf CLK_TCK)"
threads() { # "name tid cpu_ms" per thread of the app
  local t
  for t in /proc/"$APP_PID"/task/*; do
    printf '%s %s %s\n' "$(tr ' ' '_' < "$t/comm")" "${t##*/}" \
      "$(awk -v hz="$hz" '{ print int(($14 + $15) * 1000 / hz) }' "$t/stat")"
  done
}
handshakes() { # seconds -> number of full handshakes s_time completed
  taskset -c 0 openssl s_time -connect "127.0.0.1:${SSL_PORT:-8446}" -new -time "$1" 2>/dev/null \
    | awk '/connections in/ { print $1; exit }'
}

handshakes "$WARM" >/dev/null
for rep in $(seq 1 "$REPS"); do
  threads > "$work/before"
  [[ -f "$work/exceptions.log" ]] && e0="$(wc -l < "$work/exceptions.log")"
  n="$(handshakes "$MEASURE")"
  threads > "$work/after"
  echo "-- rep $rep: $n handshakes in ${MEASURE} s ($(awk -v n="$n" -v s="$MEASURE" 'BEGIN { printf "%.0f", n / s }')/s)"
  # per thread name with the digits dropped (event loops, compiler threads), summed over the threads of that name
  join -1 2 -2 2 <(sort -k2,2 "$work/before") <(sort -k2,2 "$work/after") \
    | awk -v n="$n" '{ name = $2; gsub(/[0-9]+$/, "", name); d[name] += $5 - $3; total += $5 - $3 }
        END { for (k in d) if (d[k] > 0) printf "   %-26s %7d ms  %6.3f ms/handshake\n", k, d[k], d[k] / n
              printf "   %-26s %7d ms  %6.3f ms/handshake\n", "ALL THREADS", total, total / n }' | sort -k2 -n -r
  if [[ -f "$work/exceptions.log" ]]; then
    tail -n +"$((e0 + 1))" "$work/exceptions.log" | grep -o "Exception <a '[^']*'{[^}]*}: [^>]*>\|Exception <a '[^']*'{[^}]*}>" \
      | sed "s/{[^}]*}//" | sort | uniq -c | sort -rn | head -8 \
      | awk -v n="$n" '{ c = $1; $1 = ""; printf "   %6.2f exception events per handshake:%s\n", c / n, $0 }'
  fi
done
