#!/usr/bin/env bash
# Makes a CA and a serving certificate for pull-secret-injector.
#
#   certs/generate.sh [--out DIR] [--service NAME] [--namespace NS] [--days N] [--force] [--new-ca]
#
# Writes DIR/ca.crt, ca.key, tls.crt, tls.key (default DIR: certs/out). The serving certificate's SANs cover
# the Service (NAME, NAME.NS, NAME.NS.svc, NAME.NS.svc.cluster.local) and localhost/127.0.0.1 for local runs.
# Idempotent: existing files that still verify are kept. --force makes a new serving certificate signed by the
# existing CA (so caBundle stays valid); --new-ca also replaces the CA.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out="$here/out"
service=pull-secret-injector
namespace=pull-secret-injector
days=365
ca_days=3650
force=false
new_ca=false

while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --service) service=$2; shift 2 ;;
    --namespace) namespace=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --force) force=true; shift ;;
    --new-ca) new_ca=true; force=true; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "generate.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

command -v openssl >/dev/null || { echo "generate.sh: openssl is required" >&2; exit 1; }
mkdir -p "$out"
cd "$out"
dns="$service.$namespace.svc"

if [ "$force" = false ] && [ -s ca.crt ] && [ -s tls.crt ] && [ -s tls.key ] \
   && openssl verify -CAfile ca.crt -verify_hostname "$dns" tls.crt >/dev/null 2>&1 \
   && openssl x509 -in tls.crt -noout -checkend 86400 >/dev/null; then
  echo "generate.sh: keeping the valid certificate in $out (use --force to replace it)"
  exit 0
fi

if [ "$new_ca" = true ] || ! [ -s ca.crt ] || ! [ -s ca.key ] || ! openssl x509 -in ca.crt -noout -checkend 86400 >/dev/null 2>&1; then
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$ca_days" \
    -keyout ca.key -out ca.crt -subj "/CN=$service-ca" 2>/dev/null
fi

openssl req -newkey rsa:2048 -nodes -sha256 -keyout tls.key -out tls.csr -subj "/CN=$dns" 2>/dev/null
cat > server.ext <<EXT
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:$service,DNS:$service.$namespace,DNS:$dns,DNS:$dns.cluster.local,DNS:localhost,IP:127.0.0.1
EXT
openssl x509 -req -sha256 -days "$days" -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
  -out tls.crt -extfile server.ext 2>/dev/null
rm -f tls.csr server.ext ca.srl
chmod 600 ca.key tls.key
openssl verify -CAfile ca.crt -verify_hostname "$dns" tls.crt >/dev/null

echo "generate.sh: wrote $out/{ca.crt,ca.key,tls.crt,tls.key} for $dns (valid $days days)"
echo "To rotate: run again with --force (keeps the CA unless it expires, so caBundle stays valid), then"
echo "  kubectl -n $namespace create secret tls $service-tls --cert=$out/tls.crt --key=$out/tls.key --dry-run=client -o yaml | kubectl apply -f -"
echo "The running webhook reloads the mounted files without a restart."
