# Shared helpers for the scripts in src/bench (sourced, not run).
# shellcheck shell=bash

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The JVM options the Deployment runs with (deploy/base/deployment.yaml JAVA_OPTS_APPEND, Dockerfile.jvm);
# benchmarks use exactly these. See src/bench/README-performance.md for what each one buys.
JVM_FLAGS_DEFAULT="-XX:+UseSerialGC -Xms16m -Xmx64m -Xss256k -XX:ReservedCodeCacheSize=48m -XX:TrimNativeHeapInterval=5000 -XX:CompileThresholdScaling=2"
JVM_FLAGS="${JVM_FLAGS:-$JVM_FLAGS_DEFAULT}"
# glibc: at most 2 malloc arenas (the JIT's short-lived arenas otherwise leave tens of MB resident)
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

# The harness beside the repository (../shared/bench), copied to a scratch directory: it is read-only in place.
harness_copy() { # -> prints the directory of the copy
  local src="${BENCH_DIR:-$repo/../shared/bench}"
  [[ -x "$src/compare.sh" ]] || { echo "harness not found in $src (set BENCH_DIR)" >&2; return 2; }
  local dst; dst="$(mktemp -d /tmp/psi-bench.XXXXXX)"
  cp -r "$src/." "$dst/"
  chmod -R u+w "$dst"
  rm -rf "$dst/results" "$dst/bin"
  (cd "$dst" && ./certs.sh >/dev/null && mkdir -p bin \
    && GOPROXY=off GOFLAGS=-mod=mod go build -trimpath -o bin/ ./go-baseline ./null-server ./check) >&2 || return 1
  echo "$dst"
}

ensure_packaged() {
  if [[ "${BUILD:-0}" == 1 || ! -f "$repo/target/quarkus-app/quarkus-run.jar" ]]; then
    (cd "$repo" && ./mvnw -B -q package -DskipTests) >&2
  fi
}

# Writes a Quarkus properties file with the registry map of registries.json (flat JSON: "pattern": ["s1", ...])
# plus, when RULES > the map's size, generated patterns up to RULES in total, shaped like
# src/jmh/java/.../BenchData.generatedPattern: exact hosts, one-label wildcards, path prefixes, host:port/path.
write_registry_config() { # registries.json rules out.properties
  local json="$1" rules="$2" out="$3"
  tr -d '\n' < "$json" | grep -o '"[^"]*" *: *\[[^]]*\]' | while IFS= read -r entry; do
    local key="${entry#\"}"; key="${key%%\"*}"
    local vals; vals="$(sed 's/^[^[]*\[//; s/\].*$//; s/"//g; s/ //g' <<<"$entry")"
    # ':' separates key and value in a .properties file unless escaped
    printf 'injector.registries."%s"=%s\n' "${key//:/\\:}" "$vals"
  done > "$out"
  local have; have="$(wc -l < "$out")"
  awk -v have="$have" -v total="$rules" 'BEGIN {
    for (i = 0; have < total; i++) {
      k = i % 4
      if (k == 0) p = "reg-" i ".corp-" (i % 97) ".example.com"
      else if (k == 1) p = "*.apps-" i ".example.net"
      else if (k == 2) p = ((i % 8 == 2) ? "ghcr.io/team-" : "docker.io/org-") i
      else p = "registry-" i ".internal:5000/project-" i
      gsub(/:/, "\\:", p)
      printf "injector.registries.\"%s\"=s-%d\n", p, i
      have++
    }
  }' >> "$out"
}

# Starts the packaged app pinned to CPU 1 (like the harness's servers) on 127.0.0.1:$SSL_PORT with the given cert,
# waits until /q/health/ready answers UP; sets APP_PID and READY_MS (launch to ready, wall clock). APP_DIR: another
# packaged build (default target/quarkus-app).
start_app() { # cert key config.properties logfile [extra -D...]
  local cert="$1" key="$2" config="$3" log="$4"; shift 4
  local pin=()
  [[ "${PIN:-1}" == 1 ]] && pin=(taskset -c 1)
  local t0 t1
  t0="$(date +%s%N)"
  # shellcheck disable=SC2086
  "${pin[@]}" java -XX:ActiveProcessorCount="${APP_CPUS:-1}" $JVM_FLAGS \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.ssl-port="${SSL_PORT:-8446}" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="${MGMT_PORT:-9446}" \
    -Dinjector.tls.cert="$cert" -Dinjector.tls.key="$key" \
    -Dinjector.cluster.enabled="${CLUSTER_ENABLED:-false}" -Dquarkus.config.locations="$config" \
    "$@" -jar "${APP_DIR:-$repo/target/quarkus-app}/quarkus-run.jar" > "$log" 2>&1 &
  APP_PID=$!
  local i
  for i in $(seq 1 3000); do   # bounded: 30 s
    if curl -sf "http://127.0.0.1:${MGMT_PORT:-9446}/q/health/ready" >/dev/null 2>&1; then
      t1="$(date +%s%N)"; READY_MS=$(( (t1 - t0) / 1000000 )); return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited during start-up; log:" >&2; head -c 4000 "$log" >&2; return 1; }
    sleep 0.01
  done
  echo "the app was not ready within 30 s; log: $log" >&2
  return 1
}

stop_app() {
  [[ -n "${APP_PID:-}" ]] || return 0
  kill "$APP_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done   # bounded: 10 s
  kill -9 "$APP_PID" 2>/dev/null || true   # a JVM out of heap may never finish its shutdown
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# A busy loop on CPU 0 (the load generator's core), as on a machine whose other core is busy; HOG_PID.
start_hog() { taskset -c 0 sh -c 'while :; do :; done' & HOG_PID=$!; }
stop_hog() { [[ -n "${HOG_PID:-}" ]] && kill "$HOG_PID" 2>/dev/null || true; HOG_PID=""; }

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo NA; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo NA; }
pid_of_port() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
