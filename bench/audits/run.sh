#!/usr/bin/env bash
# Read-path benchmark of the audit runs API on loopback: wrk (2 threads, 32 connections, 10 s) on
#   GET /api/v1/audits/runs/{id}      (one run with its responses, score and findings summary)
#   GET /api/v1/audits/runs?page=1    (the first page of the list, 20 of N runs, with total)
#   GET /api/v1/audits/findings?page=1 (the first page of the findings register, with total)
#   GET /api/v1/audits/findings/{id}  (one finding: the resource kit's render of a declared record)
# against a release build (`cmake --preset release`: RelWithDebInfo) and a database seeded with
# BENCH_RUNS runs (default 1000), each with BENCH_ANSWERS answered questions (default 10; every
# other one a choice question with options) and its auto-created findings (seed.sql). Reports
# numbers, not pass/fail.
#
#   bench/audits/run.sh [QGP_BINARY]
#
# Needs ADMIN_URL: a superuser URL to a PostgreSQL cluster (e.g. the one scripts/pg.sh starts);
# the script creates and drops its own database there. Needs wrk, curl, psql, python3.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
binary=${1:-${QGP_BINARY:-$root/build/release/bin/qgp}}
duration=${BENCH_DURATION:-10s}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-32}
runs=${BENCH_RUNS:-1000}
answers=${BENCH_ANSWERS:-10}
: "${ADMIN_URL:?set ADMIN_URL to a superuser URL of a PostgreSQL cluster, e.g. postgresql://postgres@127.0.0.1:55506/postgres}"
for tool in wrk curl psql python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
[ -x "$binary" ] || { echo "bench: $binary is not an executable qgp binary" >&2; exit 1; }

db="qgp_bench_audits_$$"
db_url="${ADMIN_URL%/*}/$db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp /tmp/qgp-bench-audits-XXXXXX.log)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -f "$log"
}
trap cleanup EXIT

psql "$ADMIN_URL" -qc "CREATE DATABASE $db" >/dev/null
APP_ENV=testing QGP_ENV_FILE=/nonexistent DATABASE_URL="$db_url" "$binary" db upgrade head >/dev/null

# The token: a superuser with a known password (hashed with libsodium's Argon2id, exactly what
# the server verifies), logged in through the API below.
password='bench-password-0123456789'
hash=$(python3 - "$password" <<'PY'
import ctypes, ctypes.util, sys
lib = ctypes.CDLL(ctypes.util.find_library("sodium"))
assert lib.sodium_init() >= 0
out = ctypes.create_string_buffer(128)
pw = sys.argv[1].encode()
assert lib.crypto_pwhash_str(out, pw, ctypes.c_ulonglong(len(pw)), ctypes.c_ulonglong(2),
                             ctypes.c_size_t(19 * 1024 * 1024)) == 0
print(out.value.decode())
PY
)
psql "$db_url" -v ON_ERROR_STOP=1 -q -v hash="$hash" >/dev/null <<'SQL'
INSERT INTO users (email, password_hash, first_name, last_name, is_superuser)
VALUES ('bench@example.com', :'hash', 'Bench', 'User', true);
SQL

# Seed (bench/audits/seed.sql): one published template (yes_no and choice questions with options)
# and BENCH_RUNS completed runs with BENCH_ANSWERS answers each, chosen options, scores and
# auto-created findings, straight in SQL: the bench measures reads.
psql "$db_url" -v ON_ERROR_STOP=1 -q -v runs="$runs" -v answers="$answers" \
  -f "$here/seed.sql" >/dev/null

secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
# The access log is one line per request; at bench rates it measures the terminal, not the server.
# The response contract is sampled as in staging and production (ADR-0007), unless told otherwise.
APP_ENV=testing LOG_LEVEL=${LOG_LEVEL:-warn} QGP_ENV_FILE=/nonexistent DATABASE_URL="$db_url" \
  RESPONSE_CONTRACT_SAMPLE=${RESPONSE_CONTRACT_SAMPLE:-100} \
  SECRET_KEY="$secret" HTTP_HOST=127.0.0.1 HTTP_PORT=$port "$binary" serve >"$log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$log" >&2; exit 1; }

token=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"email\": \"bench@example.com\", \"password\": \"$password\"}" \
  "http://127.0.0.1:$port/api/v1/auth/login" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
auth="Authorization: Bearer $token"
run_id=$(( (runs + 1) / 2 ))
finding_id=$(curl -fsS -H "$auth" "http://127.0.0.1:$port/api/v1/audits/findings?page=1" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
targets=("/api/v1/audits/runs/$run_id" "/api/v1/audits/runs?page=1" "/api/v1/audits/findings?page=1"
  "/api/v1/audits/findings/$finding_id")
for target in "${targets[@]}"; do
  curl -fsS -H "$auth" "http://127.0.0.1:$port$target" >/dev/null ||
    { echo "bench: GET $target is not 200" >&2; cat "$log" >&2; exit 1; }
done
# What the run-detail request renders: its responses, how many carry chosen options, its findings.
shape=$(curl -fsS -H "$auth" "http://127.0.0.1:$port/api/v1/audits/runs/$run_id" |
  python3 -c 'import json, sys
d = json.load(sys.stdin)
r = d["responses"]
print("responses=%d with_options=%d findings=%d"
      % (len(r), sum(1 for x in r if x["option_ids"]), d["findings_summary"]["total"]))')

echo "runs=$runs answers_per_run=$answers run_detail: $shape wrk: -t$threads -c$connections -d$duration"
for target in "${targets[@]}"; do
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "$auth" \
    -s "$root/bench/http/report.lua" "http://127.0.0.1:$port$target")
  echo "$out" >&2
  echo "$out" | grep '^SUMMARY' | sed "s|^SUMMARY|endpoint=GET $target|"
done
