#!/usr/bin/env bash
# Certificate rotation under load: the serving certificate files are replaced (certs/generate.sh --force: a new
# certificate from the same CA, as cert-manager or the self-signed overlay's Job would) twice during a fixed-rate
# load run with frequent new TLS connections; the app reloads them (injector.tls.reload-period, 1 s here).
# Passes when no request failed (the load generator verifies the server certificate against the CA) and the
# certificate served afterwards is the last one written.
#
# Usage: src/bench/rotation-under-load.sh
# Environment: RATE [300] req/s, DURATION [40] s, ROTATE_AT ["10 25"] s after the load starts,
#   NEW_CONN_EVERY [10] (every Nth request on a new connection, i.e. a TLS handshake), HOG [0] (1: a busy loop keeps
#   CPU 0, the load generator's core, busy from before the start), TIMEOUT [5s] (the caller's, also sent as ?timeout=),
#   BENCH_DIR, JVM_FLAGS
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
RATE="${RATE:-300}"; DURATION="${DURATION:-40}"; ROTATE_AT="${ROTATE_AT:-10 25}"; NEW_CONN_EVERY="${NEW_CONN_EVERY:-10}"

work="$(mktemp -d /tmp/psi-rotation.XXXXXX)"
loadpid=""
cleanup() { [[ -n "$loadpid" ]] && kill "$loadpid" 2>/dev/null || true; stop_app; stop_hog; }
trap cleanup EXIT
trap 'exit 130' INT TERM
(cd "$here/tools" && GOPROXY=off GOFLAGS=-mod=mod go build -o "$work/loadgen" ./loadgen)
bench="$(harness_copy)"
ensure_packaged

tls="$work/tls"
"$repo/certs/generate.sh" --out "$tls" >/dev/null
served() { # SHA-256 fingerprint of the certificate the server presents on a new connection
  openssl s_client -connect "127.0.0.1:${SSL_PORT:-8446}" -servername localhost </dev/null 2>/dev/null \
    | openssl x509 -noout -fingerprint -sha256 | cut -d= -f2
}
file_fp() { openssl x509 -in "$1" -noout -fingerprint -sha256 | cut -d= -f2; }

write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
[[ "${HOG:-0}" == 1 ]] && start_hog
start_app "$tls/tls.crt" "$tls/tls.key" "$work/registries.properties" "$work/app.log" \
  -Dinjector.tls.reload-period=1s
echo "== app pid $APP_PID ready in ${READY_MS} ms; serving $(served)"
[[ "$(served)" == "$(file_fp "$tls/tls.crt")" ]] || { echo "FAIL: not serving the initial certificate" >&2; exit 1; }

pin=(); [[ "${PIN:-1}" == 1 ]] && pin=(taskset -c 0)
"${pin[@]}" "$work/loadgen" -url "https://127.0.0.1:${SSL_PORT:-8446}/mutate?timeout=${TIMEOUT:-5s}" -dir "$bench/payloads" \
  -rate "$RATE" -duration "${DURATION}s" -interval 5s -cacert "$tls/ca.crt" -new-conn-every "$NEW_CONN_EVERY" -timeout "${TIMEOUT:-5s}" \
  -pid "$APP_PID" > "$work/load.txt" 2>&1 &
loadpid=$!
t0=$(date +%s)
fps=()
for at in $ROTATE_AT; do
  while (( $(date +%s) - t0 < at )); do sleep 0.2; done
  "$repo/certs/generate.sh" --force --out "$tls" >/dev/null
  fp="$(file_fp "$tls/tls.crt")"; fps+=("$fp")
  echo "== t=${at}s: replaced $tls/tls.crt and tls.key, new certificate $fp"
  for i in $(seq 1 100); do [[ "$(served)" == "$fp" ]] && break; sleep 0.1; done   # bounded: ~10 s
  echo "   served after $(( $(date +%s) - t0 - at )) s or less: $(served)"
done
status=0
wait "$loadpid" || status=$?
loadpid=""
cat "$work/load.txt"
final="$(served)"
echo "== certificate served after the run: $final"
echo "== last certificate written:         ${fps[-1]}"
grep -i -E 'reload|certificate' "$work/app.log" | tail -5 || true
if [[ $status -ne 0 ]]; then echo "FAIL: requests failed during rotation"; exit 1; fi
if [[ "$final" != "${fps[-1]}" ]]; then echo "FAIL: the new certificate is not served"; exit 1; fi
echo "PASS: $(grep -o 'requests=[0-9]*' "$work/load.txt") with 0 errors across ${#fps[@]} rotations; the new certificate is served"
