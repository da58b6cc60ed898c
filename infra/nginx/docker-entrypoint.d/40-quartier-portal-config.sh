#!/bin/sh
# Writes the portal's runtime configuration (/portal-config.json) from the environment when the
# container starts, so the same image runs against any issuer. Run by the nginx image's
# /docker-entrypoint.sh before nginx starts; a non-zero exit stops the container with the
# message below instead of serving a portal that cannot log in.
#
#   OIDC_ISSUER     required, e.g. https://quartier.example.de/realms/quartier
#   OIDC_CLIENT_ID  default quartier-portal (the public client in infra/keycloak)
#   API_BASE_URL    default "" (APIs on the portal's own origin under /api/<service>)
#   PORTAL_CONFIG_DIR  where to write (default /tmp/quartier-portal; /tmp is writable even with
#                      a read-only root file system, see k8s/base/portal)
set -eu

fail() {
  echo "$0: $*" >&2
  exit 1
}

# The values end up inside JSON strings; rather than escape, refuse what would need escaping
# (no legitimate URL or client id contains quotes, backslashes or control characters).
# Called directly, not inside $(...), so that `fail` ends the script and not a subshell.
require_json_safe() {
  case "$2" in
    *[\"\\]*) fail "$1 must not contain quotes or backslashes" ;;
  esac
  if printf '%s' "$2" | LC_ALL=C grep -q '[[:cntrl:]]'; then
    fail "$1 must not contain control characters"
  fi
}

issuer=${OIDC_ISSUER:-}
client_id=${OIDC_CLIENT_ID:-quartier-portal}
api_base_url=${API_BASE_URL:-}
dir=${PORTAL_CONFIG_DIR:-/tmp/quartier-portal}

case "$issuer" in
  http://?*|https://?*) ;;
  '') fail "OIDC_ISSUER must be set to the issuer URL (e.g. https://quartier.example.de/realms/quartier)" ;;
  *) fail "OIDC_ISSUER must be an http(s) URL, got: $issuer" ;;
esac
[ -n "$client_id" ] || fail "OIDC_CLIENT_ID must not be empty"
require_json_safe OIDC_ISSUER "$issuer"
require_json_safe OIDC_CLIENT_ID "$client_id"
require_json_safe API_BASE_URL "$api_base_url"
case "$api_base_url" in
  ''|http://?*|https://?*|/*) ;;
  *) fail "API_BASE_URL must be empty, a path or an http(s) URL, got: $api_base_url" ;;
esac

mkdir -p "$dir"
tmp="$dir/portal-config.json.$$"
printf '{ "oidcIssuer": "%s", "oidcClientId": "%s", "apiBaseUrl": "%s" }\n' \
  "${issuer%/}" "$client_id" "${api_base_url%/}" >"$tmp"
# Rename, so nginx never serves a half-written file.
mv "$tmp" "$dir/portal-config.json"
echo "$0: wrote $dir/portal-config.json (issuer $issuer)"
