# shellcheck shell=bash
# Sourced by bench/peers/qgp-load.sh and bench/soak/run.sh: one qgp server on a seeded database.
#
#   start_seeded_qgp ADMIN_URL BINARY DB ROLE EMAIL LOG [RUNS] [FINDINGS]
#
# (Re)creates database DB on the cluster of ADMIN_URL (a superuser URL ending in /postgres),
# upgrades it to head, seeds it with bench/peers/seed.sql (RUNS runs, default 100, and FINDINGS
# findings, default 10000), creates ROLE as a login role in qgp_app (ADR-0008) and a superuser
# EMAIL, then serves BINARY as ROLE on a free loopback port with the audit sealer signing
# checkpoints, the response contract sampled as in production (ADR-0007), and its log in LOG.
# Sets: QGP_PID, QGP_BASE (http://127.0.0.1:PORT), QGP_OWNER_URL (DB as the superuser),
# QGP_VERIFY_KEYS (the public key for `qgp audit verify`), QGP_PASSWORD (the user's); exports
# BEARER_TOKEN (signed in through the API) and DATABASE_URL (DB as ROLE). The caller stops QGP_PID.
# shellcheck disable=SC2034 # the QGP_* variables are the caller's results
start_seeded_qgp() {
  local admin=$1 binary=$2 db=$3 role=$4 email=$5 log=$6 runs=${7:-100} findings=${8:-10000}
  local here keys port app_url
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  QGP_OWNER_URL="${admin%/*}/$db"
  app_url="postgresql://$role@${admin#postgresql://postgres@}"
  app_url="${app_url%/*}/$db"
  psql -X -q -v ON_ERROR_STOP=1 "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
    -c "CREATE DATABASE $db"
  export APP_ENV=development QGP_ENV_FILE=/nonexistent LOG_LEVEL=warn RESPONSE_CONTRACT_SAMPLE=100
  DATABASE_URL=$QGP_OWNER_URL "$binary" db upgrade head >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 "$admin" -c "DO \$\$ BEGIN IF NOT EXISTS
    (SELECT FROM pg_roles WHERE rolname = '$role') THEN CREATE ROLE $role LOGIN IN ROLE qgp_app;
    END IF; END \$\$"
  psql -X -q -v ON_ERROR_STOP=1 "$QGP_OWNER_URL" -v runs="$runs" -v findings="$findings" \
    -f "$here/../peers/seed.sql" >/dev/null

  export DATABASE_URL=$app_url
  QGP_PASSWORD="bench passphrase $(date +%s%N)"
  QGP_BENCH_PASSWORD=$QGP_PASSWORD "$binary" user create --superuser --email "$email" \
    --password-env QGP_BENCH_PASSWORD >/dev/null
  keys=$("$binary" audit keygen)
  AUDIT_SIGNING_KEY=$(sed -n 's/^AUDIT_SIGNING_KEY=//p' <<<"$keys")
  QGP_VERIFY_KEYS=$(sed -n 's/^AUDIT_VERIFY_KEYS=//p' <<<"$keys")
  SECRET_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
  export AUDIT_SIGNING_KEY SECRET_KEY ACCESS_TOKEN_TTL_SECONDS=7200
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  HTTP_HOST=127.0.0.1 HTTP_PORT=$port "$binary" serve >"$log" 2>&1 &
  QGP_PID=$!
  for _ in $(seq 150); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" && break
    kill -0 "$QGP_PID" 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 0.2
  done
  QGP_BASE="http://127.0.0.1:$port"
  BEARER_TOKEN=$(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"email\": \"$email\", \"password\": \"$QGP_PASSWORD\"}" "$QGP_BASE/api/v1/auth/login" |
    /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
  export BEARER_TOKEN
}
