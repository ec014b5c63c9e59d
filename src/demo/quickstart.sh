#!/usr/bin/env bash
# Quick start: builds pull-secret-injector, makes a local certificate, starts the webhook on https://localhost:8443
# with the demo registry map (profile "demo", no cluster needed), sends an example AdmissionReview and shows the
# decoded patch. The webhook then keeps running until Ctrl-C; pass --once to stop it after the example.
#
#   src/demo/quickstart.sh [--once] [--skip-build]
#
# Ports: DEMO_PORT (HTTPS webhook, default 8443) and DEMO_MANAGEMENT_PORT (health/metrics, default 9000).
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${DEMO_PORT:-8443}
management_port=${DEMO_MANAGEMENT_PORT:-9000}

once=false
build=true
for arg in "$@"; do
  case "$arg" in
    --once) once=true ;;
    --skip-build) build=false ;;
    *) echo "usage: src/demo/quickstart.sh [--once] [--skip-build]" >&2; exit 2 ;;
  esac
done

if [ "$build" = true ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "--- building (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
echo "--- certificate (certs/generate.sh)"
certs/generate.sh

for p in "$port" "$management_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "Port $p is already in use; choose others: DEMO_PORT=18443 DEMO_MANAGEMENT_PORT=19000 $0" >&2
    exit 1
  fi
done

log=target/demo.log
echo "--- starting the webhook (profile demo, log in $log)"
java -Dquarkus.profile=demo -Dquarkus.http.ssl-port="$port" -Dquarkus.management.port="$management_port" \
  -jar target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT INT TERM

url="https://localhost:$port/mutate"
echo "--- sending src/demo/pod-create-review.json to $url"
if ! java src/demo/SendReview.java "$url" certs/out/ca.crt src/demo/pod-create-review.json; then
  echo "The example failed; the webhook log says:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
echo
echo "--- webhook log so far:"
cat "$log"
if [ "$once" = true ]; then
  exit 0
fi
echo
echo "The webhook is running on $url (health: http://localhost:$management_port/q/health)."
echo "Send your own review: java src/demo/SendReview.java $url certs/out/ca.crt FILE"
echo "Press Ctrl-C to stop."
wait $server
