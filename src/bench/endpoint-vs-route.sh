#!/usr/bin/env bash
# The quarkus-rest resource against the Vert.x route it replaced, same run, same machine: CPU per request and
# latency for small/typical/large at 32 connections (wrk, the harness's run.sh), each server pinned to CPU 1 with the
# Deployment's JVM flags (lib.sh), wrk on CPU 0, targets interleaved rep by rep; medians of REPS.
# Builds the route from ROUTE_COMMIT (the last commit with admission/MutateRoute) in a scratch clone, and with
# JAXRS=1 also a variant of this tree whose resource takes the body as a JAX-RS byte[] parameter
# (quarkus.rest.input-buffer-size above the body limit, so the body is read on the event loop).
#
# Usage: src/bench/endpoint-vs-route.sh
# Environment: PAYLOADS ["small typical large"], DURATION [10], REPS [3], WARMUP [20] s per target and payload,
#   CONNS [32], ROUTE_COMMIT [b94e72f], JAXRS [1], BENCH_DIR, JVM_FLAGS
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
# Every target is a JDK 17 fast-jar built here (the AOT cache is only valid for the jar that trained it).
RUNTIME="${RUNTIME:-jdk17}"
source "$here/lib.sh"
PAYLOADS="${PAYLOADS:-small typical large}"; DURATION="${DURATION:-10}"; REPS="${REPS:-3}"; WARMUP="${WARMUP:-20}"
CONNS="${CONNS:-32}"; ROUTE_COMMIT="${ROUTE_COMMIT:-b94e72f}"; JAXRS="${JAXRS:-1}"

work="$(mktemp -d /tmp/psi-endpoint.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM
ensure_packaged
bench="$(harness_copy)"
write_registry_config "$bench/registries.json" 0 "$work/registries.properties"

build_variant() { # dir commit [jaxrs] -> packaged app in dir/target/quarkus-app
  git clone -q "$repo" "$1" && git -C "$1" checkout -q "$2"
  if [[ "${3:-}" == jaxrs ]]; then
    cat > "$1/src/main/java/io/pullsecretinjector/admission/MutateResource.java" <<'JAVA'
package io.pullsecretinjector.admission;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/** Benchmark variant: the body read by the REST layer (byte[] parameter). */
@Path("/mutate")
@Singleton
public class MutateResource {
    public static final String PATH = "/mutate";
    private final AdmissionHandler handler;

    public MutateResource(AdmissionHandler handler) {
        this.handler = handler;
    }

    @POST
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<byte[]> mutate(byte[] body) {
        AdmissionHandler.Answer answer = handler.handle(body);
        return RestResponse.status(RestResponse.Status.fromStatusCode(answer.status()), answer.body());
    }
}
JAVA
    echo "quarkus.rest.input-buffer-size=17M" >> "$1/src/main/resources/application.properties"
  fi
  (cd "$1" && ./mvnw -B -q package -DskipTests) >&2
}
names=(resource route); dirs=("$repo/target/quarkus-app" "$work/route/target/quarkus-app")
echo "== building the route from $ROUTE_COMMIT"
build_variant "$work/route" "$ROUTE_COMMIT"
if [[ "$JAXRS" == 1 ]]; then
  echo "== building the JAX-RS body variant from HEAD"
  build_variant "$work/jaxrs" HEAD jaxrs
  names+=(jaxrs-body); dirs+=("$work/jaxrs/target/quarkus-app")
fi

ports=()
for i in "${!names[@]}"; do
  port=$(( ${SSL_PORT:-8446} + i )); ports+=("$port")
  APP_DIR="${dirs[$i]}" SSL_PORT="$port" MGMT_PORT=$(( ${MGMT_PORT:-9446} + i )) \
    start_app "$bench/certs/server.crt" "$bench/certs/server.key" "$work/registries.properties" "$work/${names[$i]}.log" \
    "-Xlog:gc,safepoint:file=$work/${names[$i]}-gc.log:uptime"
  pids+=("$APP_PID"); APP_PID=""
  echo "== ${names[$i]}: pid ${pids[$i]}, port $port, ready in ${READY_MS} ms"
done
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
hz="$(getconf CLK_TCK)"
echo "# $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), JVM flags: $JVM_FLAGS"
for rep in $(seq 1 "$REPS"); do
  for p in $PAYLOADS; do
    for i in "${!names[@]}"; do
      url="https://127.0.0.1:${ports[$i]}/mutate?timeout=10s"
      if [[ $rep == 1 ]]; then WRK_CPUS=0 THREADS=1 "$bench/run.sh" "$url" "$bench/payloads/$p.json" "$WARMUP" "$CONNS" >/dev/null 2>&1 || true; fi
      t0="$(ticks "${pids[$i]}")"
      out="$(WRK_CPUS=0 THREADS=1 "$bench/run.sh" "$url" "$bench/payloads/$p.json" "$DURATION" "$CONNS" 2>&1)"
      t1="$(ticks "${pids[$i]}")"
      line="$(grep '^RESULT ' <<<"$out" | tail -1)"
      get() { grep -o "$1=[^ ]*" <<<"$line" | cut -d= -f2; }
      n="$(get requests)"
      us="$(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / hz * 1e6 / n }')"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$p" "${names[$i]}" "$(get rps)" "$(get p50_ms)" "$(get p99_ms)" \
        "$us" "$(( $(get sock_errors) + $(get non2xx) ))" | tee -a "$work/raw.tsv"
    done
  done
done
echo "# $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
awk -F'\t' -v payloads="$PAYLOADS" -v order="${names[*]}" '
function median(s,   a, n, i, j, t) {
  n = split(s, a, " ")
  for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j+1] = a[j]; a[j+1] = t }
  return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
}
{ k = $2 SUBSEP $3; rps[k] = rps[k] " " $4; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6; cpu[k] = cpu[k] " " $7; err[k] += $8 }
END {
  np = split(payloads, P, " "); nt = split(order, T, " ")
  print "| payload | target | req/s | p50 ms | p99 ms | CPU us/req | CPU vs route | errors |"
  print "|---|---|---:|---:|---:|---:|---:|---:|"
  for (pi = 1; pi <= np; pi++) for (ti = 1; ti <= nt; ti++) {
    k = P[pi] SUBSEP T[ti]; r = median(cpu[P[pi] SUBSEP "route"])
    printf "| %s | %s | %.0f | %.2f | %.2f | %.1f | %.2fx | %d |\n", P[pi], T[ti], median(rps[k]), median(p50[k]),
      median(p99[k]), median(cpu[k]), median(cpu[k]) / r, err[k]
  }
}' "$work/raw.tsv" | tee "$work/table.md"

# Allocation and pauses per request, from each server's GC log (-Xlog:gc,safepoint) over one more 5 s run per target
# and payload: allocated = sum over young collections of (heap before - heap after the previous collection).
echo
echo "| payload | target | requests | allocated KB/req | young GCs | max GC pause ms | safepoints | max safepoint ms |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for p in $PAYLOADS; do
  for i in "${!names[@]}"; do
    log="$work/${names[$i]}-gc.log"; from=$(( $(wc -l < "$log") + 1 ))
    out="$(WRK_CPUS=0 THREADS=1 "$bench/run.sh" "https://127.0.0.1:${ports[$i]}/mutate?timeout=10s" "$bench/payloads/$p.json" 5 "$CONNS" 2>&1)"
    sleep 0.5
    reqs="$(grep '^RESULT ' <<<"$out" | grep -o ' requests=[0-9]*' | cut -d= -f2)"
    awk -v from="$from" -v reqs="$reqs" -v p="$p" -v t="${names[$i]}" '
      function mb(x) { return (x ~ /K$/) ? x / 1024 : (x ~ /G$/) ? x * 1024 : x + 0 }
      /Pause Young/ && match($0, /[0-9]+[KMG]->[0-9]+[KMG]/) {
        split(substr($0, RSTART, RLENGTH), h, "->")
        if (NR >= from) { if (have) alloc += mb(h[1]) - last; n++; ms = $NF; sub(/ms$/, "", ms); if (ms + 0 > maxp) maxp = ms + 0 }
        last = mb(h[2]); have = 1
      }
      NR >= from && /Safepoint "/ && match($0, /Total: [0-9]+ ns/) { sp++; v = substr($0, RSTART + 7, RLENGTH - 10) / 1e6; if (v > maxs) maxs = v }
      END { printf "| %s | %s | %d | %.1f | %d | %.2f | %d | %.2f |\n", p, t, reqs, (reqs > 0 ? alloc * 1024 / reqs : 0), n, maxp, sp, maxs }
    ' "$log"
  done
done | tee -a "$work/table.md"
echo "raw: $work/raw.tsv; GC logs: $work/*-gc.log"
