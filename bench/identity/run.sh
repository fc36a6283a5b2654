#!/usr/bin/env bash
# Login cost with the production Argon2id setting (libsodium INTERACTIVE: 2 passes, 64 MiB), and
# whether hashing stalls other requests: p99 of /healthz and of an authenticated read
# (GET /api/v1/auth/me: token check + principal query + profile query) alone, then during a login
# burst. Logins beyond the Argon2id admission gate get 503 + Retry-After (counted as non2xx).
#   bench/identity/run.sh [QGP_BINARY]
# Needs QGP_BENCH_DATABASE_URL (a superuser URL of a scratch cluster, e.g. from
# `QGP_PG_EPHEMERAL=1 scripts/pg.sh start /tmp/qgp-bench-pg 55499`); creates and drops its own
# database there. Reports numbers; it is not a pass/fail test.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-${QGP_BINARY:-$here/../../build/release/bin/qgp}}
admin=${QGP_BENCH_DATABASE_URL:?set QGP_BENCH_DATABASE_URL to a superuser URL of a scratch cluster}
duration=${BENCH_DURATION:-10s}
login_connections=${BENCH_LOGIN_CONNECTIONS:-4}
overload_connections=${BENCH_OVERLOAD_CONNECTIONS:-16}
command -v wrk >/dev/null || { echo "bench: wrk is not installed" >&2; exit 1; }
[ -x "$binary" ] || { echo "bench: $binary is not an executable qgp binary" >&2; exit 1; }

db=qgp_bench_identity
psql -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp /tmp/qgp-bench-identity-XXXXXX.log)
export APP_ENV=development LOG_LEVEL=warn QGP_ENV_FILE=/nonexistent DATABASE_URL="${admin%/*}/$db"
export SECRET_KEY; SECRET_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
# Failed logins are throttled; this bench only logs in successfully, from one address.
export LOGIN_MAX_FAILURES_PER_ADDRESS=100000
export BENCH_EMAIL=bench@example.test BENCH_PASSWORD="bench passphrase $(date +%s)"
"$binary" db upgrade head >/dev/null
QGP_BENCH_PASSWORD=$BENCH_PASSWORD "$binary" user create --email "$BENCH_EMAIL" \
  --password-env QGP_BENCH_PASSWORD >/dev/null
HTTP_HOST=127.0.0.1 HTTP_PORT=$port "$binary" serve >"$log" 2>&1 &
pid=$!
cleanup() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$log"
  psql -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
}
trap cleanup EXIT
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

single=$(curl -s -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' \
  -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}" \
  "http://127.0.0.1:$port/api/v1/auth/login")
echo "single_login_s=$single"
token=$(curl -s -H 'Content-Type: application/json' \
  -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}" \
  "http://127.0.0.1:$port/api/v1/auth/login" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
me() {  # wrk on GET /api/v1/auth/me for $1, labelled $2
  wrk -t1 -c8 -d"$1" --latency -s "$here/../http/report.lua" -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/api/v1/auth/me" | grep '^SUMMARY' | sed "s/^SUMMARY/$2/"
}
healthz() {
  wrk -t1 -c8 -d"$1" --latency -s "$here/../http/report.lua" "http://127.0.0.1:$port/healthz" \
    | grep '^SUMMARY' | sed "s/^SUMMARY/$2/"
}
echo "== alone"
healthz "$duration" healthz
me "$duration" me
short=$(( ${duration%s} - 2 ))s
# burst LABEL CONNECTIONS PROBE: logins on CONNECTIONS connections, PROBE measured meanwhile.
burst() {
  echo "== $1: logins on $2 connections, $3 measured at the same time"
  wrk -t1 -c"$2" -d"$duration" --latency -s "$here/login.lua" \
    "http://127.0.0.1:$port/api/v1/auth/login" | grep '^SUMMARY' | sed "s/^SUMMARY/login_$1/" &
  local login_pid=$!
  sleep 1
  "$3" "$short" "${3}_during_$1"
  wait "$login_pid"
  sleep 2  # let logins still queued in the server finish before the next burst
}
# Within the gate (at most half the workers wait for Argon2id): every login is compared.
burst within_gate "$login_connections" healthz
burst within_gate "$login_connections" me
# Beyond it: the surplus is refused at once (503 + Retry-After) and everything else keeps going.
burst overload "$overload_connections" me
