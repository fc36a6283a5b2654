#!/usr/bin/env bash
# The incident register's list on BENCH_INCIDENTS incidents (default 1,000,000; seed.sql) through
# the real `qgp serve` on loopback: each list query of LIST_QUERIES below, BENCH_REQUESTS times
# (default 50) one after another, timed by curl. Reports p50/p95/max in ms per query; it does not
# pass or fail.
#
#   bench/incidents/run.sh [QGP_BINARY]
#
# BENCH_ONLY=TEXT runs only the queries containing TEXT. BENCH_EXPLAIN=1 loads auto_explain into the server's sessions (ANALYZE, BUFFERS, every
# statement): the plans land in the cluster's server log, for bench/incidents/README.md.
#
# Needs ADMIN_URL: a superuser URL to a PostgreSQL cluster (e.g. the one scripts/pg.sh starts);
# the script creates and drops its own database there. Needs curl, psql, python3.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
binary=${1:-${QGP_BINARY:-$root/build/release/bin/qgp}}
incidents=${BENCH_INCIDENTS:-1000000}
requests=${BENCH_REQUESTS:-50}
: "${ADMIN_URL:?set ADMIN_URL to a superuser URL of a PostgreSQL cluster, e.g. postgresql://postgres@127.0.0.1:55506/postgres}"
for tool in curl psql python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
[ -x "$binary" ] || { echo "bench: $binary is not an executable qgp binary" >&2; exit 1; }

LIST_QUERIES=(
  "page=1"
  "status=reported,triaged&severity=critical,high"
  "incident_type=injury&department=Production"
  "occurred_from=2026-11-01T00:00:00Z&occurred_to=2026-12-01T00:00:00Z"
  "riddor_due=true"
  "riddor_overdue=true&sort=riddor_due_date"
  "q=ladder&status=closed"
  "sort=-severity&incident_type=dangerous_occurrence"
  "page=1&exact_total=true"
)

db="qgp_bench_incidents_$$"
owner_url="${ADMIN_URL%/*}/$db"
role="qgp_bench_incidents"
app_url="postgresql://$role@${ADMIN_URL#postgresql://postgres@}"
app_url="${app_url%/*}/$db"
log=$(mktemp /tmp/qgp-bench-incidents-XXXXXX.log)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  psql -X "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -f "$log"
}
trap cleanup EXIT

psql -X -q -v ON_ERROR_STOP=1 "$ADMIN_URL" -c "CREATE DATABASE $db"
export APP_ENV=testing QGP_ENV_FILE=/nonexistent LOG_LEVEL=warn
DATABASE_URL=$owner_url "$binary" db upgrade head >/dev/null
psql -X -q -v ON_ERROR_STOP=1 "$ADMIN_URL" -c "DO \$\$ BEGIN IF NOT EXISTS
  (SELECT FROM pg_roles WHERE rolname = '$role') THEN CREATE ROLE $role LOGIN IN ROLE qgp_app;
  END IF; END \$\$"
password="bench passphrase $(date +%s%N)"
QGP_BENCH_PASSWORD=$password DATABASE_URL=$app_url "$binary" user create --superuser \
  --email bench@example.com --password-env QGP_BENCH_PASSWORD >/dev/null
started=$(date +%s)
psql -X -q -v ON_ERROR_STOP=1 "$owner_url" -v incidents="$incidents" -f "$here/seed.sql" >/dev/null
echo "seeded $incidents incidents (and two people each) in $(( $(date +%s) - started )) s" >&2

if [ "${BENCH_EXPLAIN:-0}" = 1 ]; then
  psql -X -q -v ON_ERROR_STOP=1 "$ADMIN_URL" \
    -c "ALTER DATABASE $db SET session_preload_libraries = 'auto_explain'" \
    -c "ALTER DATABASE $db SET auto_explain.log_min_duration = 0" \
    -c "ALTER DATABASE $db SET auto_explain.log_analyze = on" \
    -c "ALTER DATABASE $db SET auto_explain.log_buffers = on"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SECRET_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n') DATABASE_URL=$app_url \
  HTTP_HOST=127.0.0.1 HTTP_PORT=$port "$binary" serve >"$log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 150); do
  curl -fs -o /dev/null "$base/readyz" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.2
done
token=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"email\": \"bench@example.com\", \"password\": \"$password\"}" "$base/api/v1/auth/login" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')

for query in "${LIST_QUERIES[@]}"; do
  [ -z "${BENCH_ONLY:-}" ] || [[ "$query" == *"$BENCH_ONLY"* ]] || continue
  url="$base/api/v1/incidents?$query"
  total=$(curl -fsS -H "Authorization: Bearer $token" "$url" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])')
  for _ in $(seq "$requests"); do
    curl -fsS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url"
  done | python3 -c '
import sys
ms = sorted(float(line) * 1000 for line in sys.stdin)
pick = lambda p: ms[min(len(ms) - 1, int(p * len(ms)))]
print(f"p50_ms={pick(0.5):.1f} p95_ms={pick(0.95):.1f} max_ms={ms[-1]:.1f}", end="")
'
  echo " total=$total query=$query"
done
