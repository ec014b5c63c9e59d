# Shared helpers for the scripts in src/bench (sourced, not run).
# shellcheck shell=bash

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The app runs the way the image runs it (src/main/docker/Dockerfile.jvm): JDK 25, the AOT cache trained by the
# integration tests, and the options in src/main/docker/jvm.options. RUNTIME selects:
#   image  (default) JDK 25 + app.aot + jvm.options + -XX:AOTCache=app.aot -XX:AOTMode=on, from $AOT_APP
#          (src/bench/aot-build.sh makes it). Without a JDK 25 or an app.aot it falls back to jdk17, and says so.
#   jdk17  the default java (17) on the fast-jar in target/quarkus-app, with jvm.options less the Java 25-only flags
# JVM_FLAGS, when set, replaces the options (experiments); the AOT flags are still added for RUNTIME=image.
JVM_OPTIONS_FILE="$repo/src/main/docker/jvm.options"
JVM_FLAGS_DEFAULT="$(grep -v '^#' "$JVM_OPTIONS_FILE" | tr -s ' \n' ' ' | sed 's/ $//')"
# The JDK 17 baseline runs what the image ran before issue 10: jvm.options less what Java 17 lacks (compact object
# headers, Netty's unsafe-access and native-access switches) and less the start-up fix that came with the Java 25 image (PKCS12 iterations)
JVM_FLAGS_17="$(tr ' ' '\n' <<<"$JVM_FLAGS_DEFAULT" | grep -v -e UseCompactObjectHeaders -e sun-misc-unsafe-memory-access -e enable-native-access -e keyPbeIterationCount | tr '\n' ' ' | sed 's/ $//')"
AOT_APP="${AOT_APP:-$repo/target/aot}"

jdk25_home() { # prints the JDK 25 to use (JAVA25_HOME, else one in /usr/lib/jvm), or fails
  local d
  for d in "${JAVA25_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*-25-* /usr/lib/jvm/*25*; do
    [[ -n "$d" && -x "$d/bin/java" ]] && "$d/bin/java" -version 2>&1 | grep -q 'version "25' && { echo "$d"; return 0; }
  done
  return 1
}

# Sets JAVA_CMD (java plus options), APP_JAR and RUNTIME_LABEL for start_app.
select_runtime() {
  local want="${RUNTIME:-image}" jdk25
  if [[ "$want" == image ]]; then
    if jdk25="$(jdk25_home)" && [[ -f "$AOT_APP/app.aot" ]]; then
      JAVA_CMD="$jdk25/bin/java ${JVM_FLAGS:-$JVM_FLAGS_DEFAULT} -XX:AOTCache=$AOT_APP/app.aot -XX:AOTMode=on"
      APP_JAR="$AOT_APP/quarkus-run.jar"
      RUNTIME_LABEL="image: $("$jdk25/bin/java" -version 2>&1 | sed -n 2p | sed 's/.*(build \(.*\))/\1/'), AOT cache $AOT_APP/app.aot"
      return 0
    fi
    echo "!! FALLBACK: no JDK 25 or no $AOT_APP/app.aot (src/bench/aot-build.sh makes it): running on JDK 17 without an AOT cache, NOT as the image does" >&2
  fi
  JAVA_CMD="java ${JVM_FLAGS:-$JVM_FLAGS_17}"
  APP_JAR="$repo/target/quarkus-app/quarkus-run.jar"
  RUNTIME_LABEL="jdk17 fast-jar: $(java -version 2>&1 | sed -n 2p | sed 's/.*(build \(.*\))/\1/'), no AOT cache"
}

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

# Builds what select_runtime will run when it is missing (or always with BUILD=1), then selects it.
ensure_packaged() {
  if [[ "${RUNTIME:-image}" == image && ( "${BUILD:-0}" == 1 || ! -f "$AOT_APP/app.aot" ) ]] && jdk25_home >/dev/null; then
    "$repo/src/bench/aot-build.sh" >&2
  fi
  select_runtime
  if [[ "$APP_JAR" == "$repo/target/quarkus-app/quarkus-run.jar" ]] && [[ "${BUILD:-0}" == 1 || ! -f "$APP_JAR" ]]; then
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
# as select_runtime chose; waits until /q/health/ready answers UP; sets APP_PID and READY_MS (launch to ready). APP_DIR: another
# packaged build to run instead (JDK 17 builds: use RUNTIME=jdk17, the AOT cache belongs to this tree's build).
start_app() { # cert key config.properties logfile [extra -D...]
  local cert="$1" key="$2" config="$3" log="$4"; shift 4
  local jar="$APP_JAR"
  [[ -z "${APP_DIR:-}" ]] || jar="$APP_DIR/quarkus-run.jar"
  local pin=()
  [[ "${PIN:-1}" == 1 ]] && pin=(taskset -c 1)
  [[ -n "${JAVA_CMD:-}" ]] || select_runtime
  echo "== runtime: $RUNTIME_LABEL; $JAVA_CMD" >&2
  local t0 t1
  t0="$(date +%s%N)"
  # shellcheck disable=SC2086
  "${pin[@]}" $JAVA_CMD -XX:ActiveProcessorCount="${APP_CPUS:-1}" \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.ssl-port="${SSL_PORT:-8446}" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="${MGMT_PORT:-9446}" \
    -Dinjector.tls.cert="$cert" -Dinjector.tls.key="$key" \
    -Dinjector.cluster.enabled="${CLUSTER_ENABLED:-false}" -Dquarkus.config.locations="$config" \
    "$@" -jar "$jar" > "$log" 2>&1 &
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

stop_app() { # TERM, then KILL after 20 s: an overloaded app can take minutes to drain its backlog
  [[ -n "${APP_PID:-}" ]] || return 0
  kill "$APP_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 200); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# A busy loop on CPU 0 (the load generator's core), as on a machine whose other core is busy; HOG_PID.
start_hog() { taskset -c 0 sh -c 'while :; do :; done' & HOG_PID=$!; }
stop_hog() { [[ -n "${HOG_PID:-}" ]] && kill "$HOG_PID" 2>/dev/null || true; HOG_PID=""; }

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo NA; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo NA; }
pid_of_port() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
