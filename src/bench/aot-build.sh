#!/usr/bin/env bash
# Builds the application as the image does (src/main/docker/Dockerfile.jvm), on this machine: the aot profile on a
# JDK 25 — package as aot-jar, run the @QuarkusIntegrationTests against it under -XX:AOTMode=record with the image's
# options (src/main/docker/jvm.options), write target/aot/app.aot — which src/bench/lib.sh runs like
# the image (the default fast-jar stays in target/quarkus-app):
#
#   $JDK25/bin/java @src/main/docker/jvm.options -XX:AOTCache=target/aot/app.aot -XX:AOTMode=on \
#       -jar target/aot/quarkus-run.jar
#
# Usage: src/bench/aot-build.sh [extra Maven arguments]     Environment: JAVA25_HOME (else found in /usr/lib/jvm)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
jdk25="$(jdk25_home)" || { echo "aot-build.sh: no JDK 25 found (set JAVA25_HOME)" >&2; exit 2; }
cd "$repo"
JAVA_HOME="$jdk25" ./mvnw -B verify -Paot -DskipUTs "$@"
[[ -f "$AOT_APP/app.aot" ]] || { echo "aot-build.sh: the build wrote no $AOT_APP/app.aot" >&2; exit 1; }
echo "AOT app in $AOT_APP ($(du -h "$AOT_APP/app.aot" | cut -f1) cache), built and trained on $("$jdk25/bin/java" -version 2>&1 | sed -n 2p)"
