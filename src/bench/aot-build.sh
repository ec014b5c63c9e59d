#!/usr/bin/env bash
# Builds the application as the image does (src/main/docker/Dockerfile.jvm), on this machine: the aot profile on a
# JDK 25 — package as aot-jar, run the @QuarkusIntegrationTests against it under -XX:AOTMode=record with the image's
# options (src/main/docker/jvm.options), write target/quarkus-app/app.aot — then copies the result to target/aot-app
# (the AOT cache accepts a moved directory), where src/bench/lib.sh runs it like the image:
#
#   $JDK25/bin/java @src/main/docker/jvm.options -XX:AOTCache=target/aot-app/app.aot -XX:AOTMode=on \
#       -jar target/aot-app/quarkus-run.jar
#
# Usage: src/bench/aot-build.sh [extra Maven arguments]     Environment: JAVA25_HOME (else found in /usr/lib/jvm)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
jdk25="$(jdk25_home)" || { echo "aot-build.sh: no JDK 25 found (set JAVA25_HOME)" >&2; exit 2; }
cd "$repo"
JAVA_HOME="$jdk25" ./mvnw -B verify -Paot -DskipUTs "$@"
[[ -f target/quarkus-app/app.aot ]] || { echo "aot-build.sh: the build wrote no target/quarkus-app/app.aot" >&2; exit 1; }
rm -rf target/aot-app
cp -a target/quarkus-app target/aot-app
echo "AOT app in $repo/target/aot-app ($(du -h target/aot-app/app.aot | cut -f1) cache), built and trained on $("$jdk25/bin/java" -version 2>&1 | sed -n 2p)"
