#!/bin/sh
# Writes the gateway's name lookup settings (included by conf.d/default.conf) when the container
# starts. nginx resolves /api/<name>/ → <name>-service per request through its own resolver,
# which does not read /etc/resolv.conf, so the nameservers are copied from there: Docker's
# embedded DNS (127.0.0.11) in compose, the cluster DNS on Kubernetes. nginx's resolver ignores
# search domains too, so on Kubernetes QUARTIER_SERVICE_DOMAIN names the Services' domain.
# Run by the nginx image's /docker-entrypoint.sh before nginx starts; a non-zero exit stops the
# container with the message below.
#
#   QUARTIER_SERVICE_DOMAIN  appended to <name>-service, e.g. quartier.svc.cluster.local
#                            (default empty: compose resolves the bare service name)
#   RESOLV_CONF              where to read nameservers (default /etc/resolv.conf)
#   GATEWAY_CONFIG_DIR       where to write resolver.conf (default /tmp/quartier-gateway; /tmp
#                            is writable even with a read-only root file system)
set -eu

fail() {
  echo "$0: $*" >&2
  exit 1
}

domain=${QUARTIER_SERVICE_DOMAIN:-}
resolv_conf=${RESOLV_CONF:-/etc/resolv.conf}
dir=${GATEWAY_CONFIG_DIR:-/tmp/quartier-gateway}

# The domain is written into nginx configuration: allow a DNS name and nothing else.
domain=${domain#.}
domain=${domain%.}
case "$domain" in
  *[!a-z0-9.-]* | .* | *..*) fail "QUARTIER_SERVICE_DOMAIN must be a DNS name such as quartier.svc.cluster.local, got: $domain" ;;
esac

[ -r "$resolv_conf" ] || fail "cannot read $resolv_conf"
# IPv6 nameservers go in brackets; zone-scoped link-local ones (fe80::1%eth0) nginx cannot use.
nameservers=$(awk '
  $1 == "nameserver" && $2 !~ /%/ { printf "%s%s", sep, ($2 ~ /:/ ? "[" $2 "]" : $2); sep = " " }
' "$resolv_conf")
[ -n "$nameservers" ] || fail "$resolv_conf names no usable nameserver"

mkdir -p "$dir"
tmp="$dir/resolver.conf.$$"
{
  # valid=10s: new, moved or scaled service containers are seen within seconds.
  echo "resolver $nameservers valid=10s ipv6=off;"
  echo "resolver_timeout 5s;"
  echo "set \$quartier_service_domain \"${domain:+.$domain}\";"
} >"$tmp"
mv "$tmp" "$dir/resolver.conf"
echo "$0: wrote $dir/resolver.conf (nameservers $nameservers${domain:+, service domain $domain})"
