#!/usr/bin/env bash
# The two commands of the README.
#   bash scripts/dev.sh serve   install, build, start the project's own PostgreSQL (data in var/pg),
#                               upgrade head, seed, bootstrap an admin, serve the API on :8000
#   bash scripts/dev.sh test    install, build, run every test tier (unit, integration, api) against an
#                               ephemeral PostgreSQL that this command creates and destroys
# Environment knobs: QGP_BUILD_PRESET (serve: release, test: debug), QGP_SKIP_INSTALL=1,
# QGP_PG_PORT (serve: 54329), HTTP_PORT (8000), CTEST_ARGS (extra ctest arguments), QGP_TEST_JOBS (2).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mode=${1:-}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_deps() {
  if [ "${QGP_SKIP_INSTALL:-0}" != 1 ]; then
    log "installing Debian packages (scripts/install-deps.sh)"
    bash scripts/install-deps.sh
  fi
}

build() {
  local preset=$1
  shift
  log "building (preset $preset)"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$(nproc)" "$@"
}

case "$mode" in
  serve)
    preset=${QGP_BUILD_PRESET:-release}
    install_deps
    build "$preset" --target qgp
    qgp="$root/build/$preset/bin/qgp"
    port=${QGP_PG_PORT:-54329}
    mkdir -p var
    log "starting the project's PostgreSQL (data in var/pg, port $port, loopback only)"
    admin_url=$(bash scripts/pg.sh start "$root/var/pg" "$port")
    psql -qAt "$admin_url" -c "SELECT 1 FROM pg_database WHERE datname = 'qgp'" | grep -q 1 \
      || psql -q "$admin_url" -c "CREATE DATABASE qgp" >/dev/null
    if [ ! -s var/secret_key ]; then
      # A random signing key kept with the data, so sessions survive a restart; never committed.
      (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n' >var/secret_key)
    fi
    export APP_ENV=${APP_ENV:-development}
    # Migrations run as the owner (postgres); the service as qgp_web, a login role in qgp_app that
    # owns nothing and may only read and append the audit trail (docs/adr/0008).
    export MIGRATION_DATABASE_URL=${MIGRATION_DATABASE_URL:-postgresql://postgres@127.0.0.1:$port/qgp}
    export DATABASE_URL=${DATABASE_URL:-postgresql://qgp_web@127.0.0.1:$port/qgp}
    SECRET_KEY=$(cat var/secret_key)
    export SECRET_KEY
    export HTTP_PORT=${HTTP_PORT:-8000}
    log "applying migrations: qgp db upgrade head"
    "$qgp" db upgrade head
    psql -q "$admin_url" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qgp_web')
      THEN CREATE ROLE qgp_web LOGIN IN ROLE qgp_app; END IF; END \$\$" >/dev/null
    # Reference data and the first administrator arrive with their modules; run them when present.
    has_command() { "$qgp" --help | grep -qE "^  +$1( |\$)"; }
    if has_command seed; then
      log "seeding reference data: qgp seed"
      "$qgp" seed
    fi
    if has_command user; then
      if [ ! -s var/admin_password ]; then
        (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '\n/+' >var/admin_password)
        QGP_ADMIN_PASSWORD=$(cat var/admin_password) "$qgp" user create --superuser \
          --email admin@qgp.local --password-env QGP_ADMIN_PASSWORD --if-not-exists
      fi
      log "log in as admin@qgp.local with the password in var/admin_password"
    fi
    log "serving on http://127.0.0.1:$HTTP_PORT: the web application at /, API docs at /docs; Ctrl-C stops"
    exec "$qgp" serve
    ;;
  test)
    preset=${QGP_BUILD_PRESET:-debug}
    install_deps
    build "$preset"
    bindir="$root/build/$preset"
    pgdir=$(mktemp -d /tmp/qgp-test-pg.XXXXXX)
    contract_report=
    web_report=
    # shellcheck disable=SC2317 # called by the trap
    cleanup() {
      [ -z "$contract_report" ] || rm -f "$contract_report"
      [ -z "$web_report" ] || rm -f "$web_report"
      bash "$root/scripts/pg.sh" destroy "$pgdir"
    }
    trap cleanup EXIT INT TERM
    # TCP on loopback only; a port another process holds makes start fail, so try a few.
    admin_url=
    for _ in 1 2 3 4 5; do
      port=$(( 56000 + RANDOM % 4000 ))
      log "starting an ephemeral PostgreSQL (port $port, $pgdir)"
      if admin_url=$(QGP_PG_EPHEMERAL=1 bash scripts/pg.sh start "$pgdir" "$port"); then
        break
      fi
      admin_url=
    done
    [ -n "$admin_url" ] || { echo "dev.sh: could not start PostgreSQL" >&2; exit 1; }
    psql -q "$admin_url" -c "CREATE DATABASE qgp_template" >/dev/null
    log "building the template database from migrations only: qgp db upgrade head"
    APP_ENV=testing DATABASE_URL="${admin_url%/postgres}/qgp_template" "$bindir/bin/qgp" db upgrade head
    export QGP_TEST_DATABASE_URL="$admin_url" QGP_TEST_TEMPLATE=qgp_template
    # Every `qgp serve` an API test stops appends its response-contract counters here
    # (tests/support/server_process.hpp, docs/adr/0007).
    contract_report=$(mktemp /tmp/qgp-contract.XXXXXX)
    export QGP_CONTRACT_REPORT="$contract_report"
    # The browser journey (tests/api/web_journey_api_test.cpp) appends its measured budgets here, and
    # writes its screenshots to the build tree; QGP_UPDATE_SCREENSHOTS=1 writes the README's instead.
    web_report=$(mktemp /tmp/qgp-web.XXXXXX)
    export QGP_WEB_REPORT="$web_report"
    if [ "${QGP_UPDATE_SCREENSHOTS:-0}" = 1 ]; then
      export QGP_WEB_SCREENSHOTS="$root/docs/screenshots"
    else
      export QGP_WEB_SCREENSHOTS="$bindir/web/screenshots"
    fi
    export QGP_WEB_FAILURES="$bindir/web/failures"
    rm -rf "$QGP_WEB_FAILURES"
    log "running every test tier (unit, integration, api)"
    status=0
    # shellcheck disable=SC2086 # CTEST_ARGS is a word list on purpose
    ctest --test-dir "$bindir" -j "${QGP_TEST_JOBS:-2}" --output-on-failure --no-tests=error ${CTEST_ARGS:-} \
      || status=$?
    # shellcheck disable=SC2086
    api_tests=$(ctest --test-dir "$bindir" -N ${CTEST_ARGS:-} | grep -c '^ *Test *#[0-9]*: api\.' || true)
    if [ "$api_tests" -gt 0 ]; then
      # Sums qgp_contract_bodies_checked_total / qgp_contract_violations_total over every server.
      read -r checked violated routes unreadable < <(awk '
        /^# unreadable/ { unreadable++; next }
        /^qgp_contract_bodies_checked_total/ { key = $1; sub(/^[^{]*/, "", key); checked += $2; seen[key] += $2 }
        /^qgp_contract_violations_total/ { violated += $2 }
        END { n = 0; for (k in seen) if (seen[k] > 0) n++; print checked + 0, violated + 0, n, unreadable + 0 }
      ' "$contract_report")
      echo "response contract: $checked bodies checked against their schemas, $violated violations, $routes routes"
      if [ "$unreadable" -gt 0 ]; then
        echo "response contract: the counters of $unreadable server(s) could not be read (see $contract_report)" >&2
      fi
      if [ "$violated" -gt 0 ]; then
        echo "response contract: FAILED, $violated response bodies violate their schemas (http_contract_violation in the server logs)" >&2
        status=1
      elif [ "$checked" -eq 0 ]; then
        echo "response contract: FAILED, $api_tests API tests ran and no response body was checked" >&2
        status=1
      fi
    fi
    if [ -s "$web_report" ]; then
      cat "$web_report"
    fi
    if [ -n "$(ls -A "$QGP_WEB_FAILURES" 2>/dev/null)" ]; then
      echo "web journey: screenshots of the failure are in $QGP_WEB_FAILURES" >&2
    fi
    exit "$status"
    ;;
  *)
    echo "usage: bash scripts/dev.sh serve|test" >&2
    exit 2
    ;;
esac
