#!/usr/bin/env bash
# Read-path benchmark of the audit runs API on loopback: wrk (2 threads, 32 connections, 10 s) on
#   GET /api/v1/audits/runs/{id}      (one run with its responses, score and findings summary)
#   GET /api/v1/audits/runs?page=1    (the first page of the list, 20 of N runs, with total)
# against a release build and a database seeded with BENCH_RUNS runs (default 1000), each with
# BENCH_ANSWERS answered questions (default 10). Reports numbers, not pass/fail.
#
#   bench/audits/run.sh [QGP_BINARY]
#
# Needs ADMIN_URL: a superuser URL to a PostgreSQL cluster (e.g. the one scripts/pg.sh starts);
# the script creates and drops its own database there. Needs wrk, curl, psql, python3.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
binary=${1:-${QGP_BINARY:-$root/build-release/bin/qgp}}
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

# Seed: one published template (5 yes_no questions in 2 sections), BENCH_RUNS completed runs
# with BENCH_ANSWERS answers each (questions cycle), straight in SQL: the bench measures reads.
psql "$db_url" -v ON_ERROR_STOP=1 -q -v runs="$runs" -v answers="$answers" <<'SQL' >/dev/null
INSERT INTO audit_templates (reference_number, name) VALUES ('TPL-2026-0001', 'Bench template');
INSERT INTO audit_sections (template_id, title, sort_order) VALUES (1, 'A', 1), (1, 'B', 2);
INSERT INTO audit_questions (template_id, section_id, question_text, question_type, sort_order)
SELECT 1, 1 + (g % 2), 'Question ' || g, 'yes_no', g FROM generate_series(1, :answers) g;
INSERT INTO audit_template_versions (template_id, version_number, content)
SELECT 1, 1, jsonb_build_object(
  'template', jsonb_build_object('id', 1, 'reference_number', 'TPL-2026-0001', 'name',
     'Bench template', 'audit_type', 'inspection', 'scoring_method', 'percentage',
     'passing_score', 80, 'require_gps', false, 'require_signature', false,
     'require_approval', false, 'auto_create_findings', true),
  'sections', (SELECT jsonb_agg(jsonb_build_object('id', id, 'title', title, 'sort_order',
     sort_order, 'weight', weight) ORDER BY id) FROM audit_sections),
  'questions', (SELECT jsonb_agg(jsonb_build_object('id', id, 'section_id', section_id,
     'question_text', question_text, 'question_type', question_type, 'is_required', true,
     'allow_na', false, 'is_critical', false, 'weight', 1, 'max_score', null,
     'sort_order', sort_order, 'clause_ids', '[]'::jsonb, 'control_ids', '[]'::jsonb,
     'options', '[]'::jsonb) ORDER BY id) FROM audit_questions));
UPDATE audit_templates SET status = 'published', published_version_number = 1;
INSERT INTO reference_counters (prefix, year, last_value)
VALUES ('AUD', extract(year FROM now() AT TIME ZONE 'UTC')::integer, :runs);
INSERT INTO audit_runs (reference_number, template_id, template_version_id, title, location,
  status, scheduled_date, due_date, started_at, completed_at, score, max_score,
  score_percentage, passed)
SELECT 'AUD-' || extract(year FROM now() AT TIME ZONE 'UTC')::integer || '-' || lpad(g::text, 4, '0'),
  1, 1, 'Bench run ' || g, 'Site ' || (g % 50), 'completed', DATE '2026-01-01' + (g % 300),
  DATE '2026-01-01' + (g % 300) + 14, now(), now(), :answers - (g % 3), :answers,
  round(100.0 * (:answers - (g % 3)) / :answers, 2), (g % 3) = 0
FROM generate_series(1, :runs) g;
INSERT INTO audit_responses (run_id, question_id, response_bool, score, max_score)
SELECT r.id, q.id, (q.id + r.id) % 3 <> 0, CASE WHEN (q.id + r.id) % 3 <> 0 THEN 1 ELSE 0 END, 1
FROM audit_runs r CROSS JOIN audit_questions q;
ANALYZE;
SQL

secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
# The access log is one line per request; at bench rates it measures the terminal, not the server.
APP_ENV=testing LOG_LEVEL=${LOG_LEVEL:-warn} QGP_ENV_FILE=/nonexistent DATABASE_URL="$db_url" \
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
for target in "/api/v1/audits/runs/$run_id" "/api/v1/audits/runs?page=1"; do
  curl -fsS -H "$auth" "http://127.0.0.1:$port$target" >/dev/null ||
    { echo "bench: GET $target is not 200" >&2; cat "$log" >&2; exit 1; }
done

echo "runs=$runs answers_per_run=$answers wrk: -t$threads -c$connections -d$duration"
for target in "/api/v1/audits/runs/$run_id" "/api/v1/audits/runs?page=1"; do
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "$auth" \
    -s "$root/bench/http/report.lua" "http://127.0.0.1:$port$target")
  echo "$out" >&2
  echo "$out" | grep '^SUMMARY' | sed "s|^SUMMARY|endpoint=GET $target|"
done
