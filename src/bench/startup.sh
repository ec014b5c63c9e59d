#!/usr/bin/env bash
# Start-up to ready, the image's way against the plain JDK 17 fast-jar, interleaved in one run: launch of java to the
# first UP from /q/health/ready on the management port, pinned to CPU 1 (-XX:ActiveProcessorCount=1) with the
# harness's certificate and registry map; also the CPU time the process had used and its RSS at that moment. Prints every start, the medians and the ratio.
#
# Usage: src/bench/startup.sh
# Environment: REPS [7] starts of each; BENCH_DIR; builds what is missing (src/bench/aot-build.sh needs a JDK 25)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
REPS="${REPS:-7}"

work="$(mktemp -d /tmp/psi-startup.XXXXXX)"
trap 'stop_app' EXIT
trap 'exit 130' INT TERM
bench="$(harness_copy)"
write_registry_config "$bench/registries.json" 0 "$work/registries.properties"
RUNTIME=image ensure_packaged
[[ "$RUNTIME_LABEL" == image:* ]] || { echo "startup.sh: needs the image's runtime (JDK 25 + app.aot)" >&2; exit 2; }
RUNTIME=jdk17 ensure_packaged

load0="$(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for rep in $(seq 1 "$REPS"); do
  for runtime in jdk17 image; do
    RUNTIME="$runtime" select_runtime
    start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/app-$runtime.log"
    rss="$(rss_kb "$APP_PID")"
    cpu="$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$APP_PID/stat")"
    stop_app
    echo "$runtime $READY_MS $rss $cpu" | tee -a "$work/starts.txt"
    sleep 1
  done
done
ready17="$(awk '$1 == "jdk17" { print $2 }' "$work/starts.txt" | median)"
ready25="$(awk '$1 == "image" { print $2 }' "$work/starts.txt" | median)"
rss17="$(awk '$1 == "jdk17" { print $3 }' "$work/starts.txt" | median)"
rss25="$(awk '$1 == "image" { print $3 }' "$work/starts.txt" | median)"
cpu17="$(awk '$1 == "jdk17" { print $4 }' "$work/starts.txt" | median)"
cpu25="$(awk '$1 == "image" { print $4 }' "$work/starts.txt" | median)"
RUNTIME=jdk17 select_runtime; label17="$RUNTIME_LABEL"
RUNTIME=image select_runtime; label25="$RUNTIME_LABEL"
echo
echo "## start-up to ready, medians of $REPS interleaved starts ($(date -u +%Y-%m-%dT%H:%MZ); load average at start $load0, now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "| runtime | ready ms | CPU ms used by then | RSS at ready MB |"
echo "|---|---:|---:|---:|"
echo "| $label17 | $ready17 | $cpu17 | $(awk -v k="$rss17" 'BEGIN { printf "%.1f", k / 1024 }') |"
echo "| $label25 | $ready25 | $cpu25 | $(awk -v k="$rss25" 'BEGIN { printf "%.1f", k / 1024 }') |"
echo "ratio image / jdk17: ready $(awk -v a="$ready25" -v b="$ready17" 'BEGIN { printf "%.2f", a / b }'), CPU $(awk -v a="$cpu25" -v b="$cpu17" 'BEGIN { printf "%.2f", a / b }')"
