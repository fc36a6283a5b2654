#!/usr/bin/env bash
# Installs and upgrades every Debian package QGP needs (ci/deps/debian-packages.txt).
#   bash scripts/install-deps.sh            apt-get update when the lists are older than 6 h, install, upgrade
#   QGP_APT_UPDATE=1 bash scripts/install-deps.sh   force apt-get update
# The machine image lags bookworm-security, so after installing, every installed package in the runtime
# dependency closure of the manifest (libpq5 -> libkrb5-3, libssl3, libc6, ...) that has a newer candidate is
# upgraded: the dependency gate (ci/secgate.py) fails on any SBOM package with a newer security version.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
manifest="$root/ci/deps/debian-packages.txt"
export DEBIAN_FRONTEND=noninteractive

log() { printf '==> install-deps: %s\n' "$*" >&2; }

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (or install sudo)" >&2; exit 1; }
  sudo_cmd=(sudo -E)
fi
apt_get() { "${sudo_cmd[@]}" apt-get -q -o Dpkg::Use-Pty=0 -o APT::Color=0 "$@"; }

# Package names from the manifest; `PKG unless-command=CMD` is skipped when CMD exists.
packages=()
while read -r name rest; do
  case "$name" in '' | '#'*) continue ;; esac
  if [[ "$rest" == unless-command=* ]]; then
    if command -v "${rest#unless-command=}" >/dev/null 2>&1; then continue; fi
  fi
  packages+=("$name")
done <"$manifest"
[ "${#packages[@]}" -gt 0 ] || { echo "install-deps: no packages in $manifest" >&2; exit 1; }

# apt-get update unless the lists were fetched in the last 6 hours (a failure is fatal: no silent fallback).
lists_fresh() {
  local newest
  newest=$(find /var/lib/apt/lists -maxdepth 1 -name '*_InRelease' -mmin -360 2>/dev/null | head -1)
  [ -n "$newest" ] || newest=$(find /var/lib/apt/periodic -maxdepth 1 -name update-success-stamp -mmin -360 2>/dev/null)
  [ -n "$newest" ] && [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*security*_InRelease' 2>/dev/null)" ]
}
if [ "${QGP_APT_UPDATE:-0}" = 1 ] || ! lists_fresh; then
  log "apt-get update"
  apt_get update
  # Records when the index was last verified current (ci/secgate.py reads it; apt keeps unchanged files as is).
  "${sudo_cmd[@]}" mkdir -p /var/lib/apt/periodic && "${sudo_cmd[@]}" touch /var/lib/apt/periodic/update-success-stamp
else
  log "apt lists are fresh (< 6 h), skipping apt-get update (QGP_APT_UPDATE=1 forces it)"
fi

missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f '${db:Status-Status}' "$p" 2>/dev/null)" != installed ]; then missing+=("$p"); fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${#missing[@]} package(s): ${missing[*]}"
  apt_get install -y --no-install-recommends "${missing[@]}"
else
  log "all ${#packages[@]} manifest packages are installed"
fi

# Upgrade the manifest packages and their installed Depends/Pre-Depends closure where a newer version exists.
closure=$(apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances "${packages[@]}" 2>/dev/null | grep -v '^ ' | sed 's/:[a-z0-9]*$//' | sort -u)
upgradable=$(apt list --upgradable 2>/dev/null | awk -F/ 'NR > 1 && NF { print $1 }' | sort -u)
mapfile -t to_upgrade < <(comm -12 <(printf '%s\n' "$closure") <(printf '%s\n' "$upgradable"))
if [ "${#to_upgrade[@]}" -gt 0 ]; then
  log "upgrading ${#to_upgrade[@]} package(s): ${to_upgrade[*]}"
  apt_get install -y --no-install-recommends --only-upgrade "${to_upgrade[@]}"
else
  log "no upgrades pending for the manifest closure"
fi
# The interactive /docs embeds Swagger UI from web/docs at build time (cmake/docs_assets.cmake): npm ci from
# its committed lock file when node_modules does not hold the locked version. --ignore-scripts: a transitive
# dependency's install script only reports analytics.
docs_dir="$root/web/docs"
locked_version() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["packages"]["node_modules/swagger-ui-dist"]["version"])' \
    "$docs_dir/package-lock.json"
}
installed_version() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' \
    "$docs_dir/node_modules/swagger-ui-dist/package.json" 2>/dev/null || true
}
if [ "$(locked_version)" != "$(installed_version)" ]; then
  log "web/docs: npm ci (swagger-ui-dist $(locked_version))"
  (cd "$docs_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  [ "$(locked_version)" = "$(installed_version)" ] || { echo "install-deps: npm ci in web/docs failed" >&2; exit 1; }
else
  log "web/docs: swagger-ui-dist $(installed_version) is installed"
fi
# The web application (web/app, docs/adr/0015): npm ci from its committed lock file when node_modules was
# not installed from this lock file (the digest recorded below; cmake/web_app.cmake checks the same).
# No browser is downloaded: the journey drives Debian's Chromium (the chromium package above).
app_dir="$root/web/app"
app_lock=$(sha256sum "$app_dir/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$app_dir/node_modules/.qgp-lock.sha256" 2>/dev/null)" != "$app_lock" ]; then
  log "web/app: npm ci"
  started=$SECONDS
  (cd "$app_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$app_lock" >"$app_dir/node_modules/.qgp-lock.sha256"
  log "web/app: npm ci took $((SECONDS - started)) s"
else
  log "web/app: node_modules matches package-lock.json"
fi
log "done"
