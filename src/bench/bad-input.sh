#!/usr/bin/env bash
# Posts every file of DIR to a running webhook and checks each answer: HTTP 400 with a Status message, or 200 with
# allowed=true, the uid echoed and a patch that applies to the Pod; never a 5xx; readiness UP afterwards.
#
# Usage: src/bench/bad-input.sh [URL] [DIR] [READY_URL]
#   URL        [https://127.0.0.1:8446/mutate]
#   DIR        [src/test/resources/bad-input]  any directory of request bodies (one body per file; *.md ignored)
#   READY_URL  [http://127.0.0.1:9446/q/health/ready]  ("-" to skip)
#   CACERT=ca.crt to verify the server certificate (default: not verified)
# Needs go (stdlib only, built with GOPROXY=off). Exit status 1 if any body failed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
url="${1:-https://127.0.0.1:8446/mutate}"
dir="${2:-$here/../test/resources/bad-input}"
ready="${3:-http://127.0.0.1:9446/q/health/ready}"
[[ "$ready" == "-" ]] && ready=""
bin="$(mktemp -d)/badinput"
trap 'rm -rf "$(dirname "$bin")"' EXIT
(cd "$here/tools" && GOPROXY=off GOFLAGS=-mod=mod go build -o "$bin" ./badinput)
"$bin" -url "$url" -dir "$dir" -cacert "${CACERT:-}" -ready "$ready"
