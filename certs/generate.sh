#!/usr/bin/env bash
# Makes a CA and a serving certificate for pull-secret-injector.
#
#   certs/generate.sh [--out DIR] [--service NAME] [--namespace NS] [--days N] [--force] [--new-ca]
#
# Writes DIR/ca.crt, ca.key, tls.crt, tls.key (default DIR: certs/out). The serving certificate's SANs cover
# the Service (NAME, NAME.NS, NAME.NS.svc, NAME.NS.svc.cluster.local) and localhost/127.0.0.1 for local runs.
# Idempotent: existing files that still verify are kept. --force makes a new serving certificate signed by the
# existing CA (so caBundle stays valid); --new-ca also replaces the CA.
#
# Defaults: NAME and NS pull-secret-injector, N 365 (the CA lives 3650 days). A kept serving certificate is
# renewed once less than a third of its lifetime is left. Needs OpenSSL 1.1.1 or later.
set -euo pipefail
umask 077

here=$(cd "$(dirname "$0")" && pwd)
out="$here/out"
service=pull-secret-injector
namespace=pull-secret-injector
days=365
ca_days=3650
force=false
new_ca=false

die() { echo "generate.sh: $*" >&2; exit 2; }
value_of() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value (try --help)"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --out) value_of "$@"; out=$2; shift 2 ;;
    --service) value_of "$@"; service=$2; shift 2 ;;
    --namespace) value_of "$@"; namespace=$2; shift 2 ;;
    --days) value_of "$@"; days=$2; shift 2 ;;
    --force) force=true; shift ;;
    --new-ca) new_ca=true; force=true; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "unknown argument $1 (try --help)" ;;
  esac
done

dns_label='^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$'   # Service names and namespaces are RFC 1035 labels
[[ $service =~ $dns_label ]] || die "--service '$service' is not a valid Service name"
[[ $namespace =~ $dns_label ]] || die "--namespace '$namespace' is not a valid namespace name"
[[ $days =~ ^[1-9][0-9]{0,4}$ ]] || die "--days '$days' is not a positive number of days"
command -v openssl >/dev/null || { echo "generate.sh: openssl is required" >&2; exit 1; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$out"
dns="$service.$namespace.svc"
# The serving certificate's names, once: written into the certificate and compared with an existing one.
san_dns=("$service" "$service.$namespace" "$dns" "$dns.cluster.local" localhost)
san_ip=(127.0.0.1)
san_ext=$(printf 'DNS:%s,' "${san_dns[@]}"; printf 'IP:%s,' "${san_ip[@]}")
san_ext=${san_ext%,}                                              # as openssl reads it
sans=$(printf 'DNS:%s, ' "${san_dns[@]}"; printf 'IP Address:%s, ' "${san_ip[@]}")
sans=${sans%, }                                                   # as openssl prints it
renew_before=$(( days * 86400 / 3 ))

same_public_key() {   # certificate, private key
  [ "$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null)" = "$(openssl pkey -in "$2" -pubout 2>/dev/null)" ]
}
names_of() {
  openssl x509 -in "$1" -noout -ext subjectAltName 2>/dev/null | sed -n '2s/^ *//p'
}
print_rotation() {
  local apply
  case "$out" in
    */deploy/overlays/self-signed/tls) apply="kubectl apply -k ${out%/tls}" ;;
    *) apply="kubectl -n $namespace create secret tls $service-tls --cert=$out/tls.crt --key=$out/tls.key --dry-run=client -o yaml | kubectl apply -f -" ;;
  esac
  cat <<TXT
Serving certificate $out/tls.crt: $(openssl x509 -in tls.crt -noout -enddate | sed 's/notAfter=/valid until /').
To rotate it (same CA, so caBundle stays valid):
  $0 --out $out --force
  $apply
The running webhook reloads the mounted files without a restart. --new-ca also replaces the CA (caBundle changes).
TXT
}

if [ "$force" = false ] && [ -s ca.crt ] && [ -s tls.crt ] && [ -s tls.key ] \
   && openssl verify -CAfile ca.crt -verify_hostname "$dns" tls.crt >/dev/null 2>&1 \
   && same_public_key tls.crt tls.key \
   && [ "$(names_of tls.crt)" = "$sans" ] \
   && openssl x509 -in tls.crt -noout -checkend "$renew_before" >/dev/null; then
  echo "generate.sh: keeping the valid certificate in $out (use --force to replace it)"
  print_rotation
  exit 0
fi

# Everything is made in a scratch folder and moved into place at the end, so a failure never leaves a key
# next to a certificate it does not belong to.
work=$(mktemp -d "$out/.generate.XXXXXX")
trap 'rm -rf "$work"' EXIT

ca_changed=false
if [ "$new_ca" = true ] || ! [ -s ca.crt ] || ! [ -s ca.key ] || ! same_public_key ca.crt ca.key \
   || ! openssl x509 -in ca.crt -noout -checkend $(( days * 86400 )) >/dev/null 2>&1 \
   || ! openssl x509 -in ca.crt -noout -ext keyUsage 2>/dev/null | grep -q "Certificate Sign"; then
  # (a CA without keyUsage keyCertSign, as older versions of this script made, fails strict verification)
  # The CA must outlive the serving certificate it signs; otherwise (or on request) it is replaced.
  cat > "$work/ca.cnf" <<CNF
[req]
distinguished_name = dn
x509_extensions = ca
prompt = no
[dn]
CN = $service-ca
[ca]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
CNF
  openssl req -x509 -config "$work/ca.cnf" -newkey rsa:2048 -nodes -sha256 -days "$ca_days" \
    -keyout "$work/ca.key" -out "$work/ca.crt" 2>/dev/null
  ca_changed=true
else
  cp -p ca.crt ca.key "$work/"
fi

cat > "$work/tls.cnf" <<CNF
[req]
distinguished_name = dn
prompt = no
[dn]
CN = $dns
CNF
cat > "$work/tls.ext" <<EXT
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer
subjectAltName = $san_ext
EXT
openssl req -new -config "$work/tls.cnf" -newkey rsa:2048 -nodes -sha256 \
  -keyout "$work/tls.key" -out "$work/tls.csr" 2>/dev/null
openssl x509 -req -sha256 -days "$days" -in "$work/tls.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" \
  -set_serial "0x$(openssl rand -hex 16)" -extfile "$work/tls.ext" -out "$work/tls.crt" 2>/dev/null
openssl verify -x509_strict -CAfile "$work/ca.crt" -verify_hostname "$dns" "$work/tls.crt" >/dev/null
chmod 644 "$work/ca.crt" "$work/tls.crt"
chmod 600 "$work/ca.key" "$work/tls.key"

if [ "$ca_changed" = true ]; then
  mv -f "$work/ca.key" "$work/ca.crt" .
fi
mv -f "$work/tls.key" "$work/tls.crt" .

echo "generate.sh: wrote $out/{ca.crt,ca.key,tls.crt,tls.key} for $dns (valid $days days)"
if [ "$ca_changed" = true ]; then
  echo "generate.sh: this is a NEW CA: every caBundle that trusted the previous one must be updated"
fi
print_rotation
