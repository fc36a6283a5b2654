#!/usr/bin/env bash
# The risk heat map on a large register: GET /api/v1/risks/matrix (residual, inherent, and inherent
# filtered by department) on BENCH_RISKS risks (default 100,000), each with one assessment, against
# a release build. Prints wrk's latency on one connection (the time one user waits) and the plan
# PostgreSQL chose for the exact statements the server ran. Reports numbers, not pass/fail.
#
#   ADMIN_URL=postgresql://postgres@127.0.0.1:PORT/postgres bench/risks/matrix.sh [QGP_BINARY]
#
# Use a cluster with synchronous_commit on (`scripts/pg.sh start DIR PORT`, not the ephemeral one):
# VACUUM cannot mark freshly committed pages all-visible otherwise, and the plans would show heap
# fetches a real register does not have.
# The 25 seed risks (one per cell of the grid) and their assessments are created through the API, so
# the grid lives only in the code; the rest of the register is copied from them in SQL.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
binary=${1:-${QGP_BINARY:-$root/build/release/bin/qgp}}
risks=${BENCH_RISKS:-100000}
duration=${BENCH_DURATION:-5s}
: "${ADMIN_URL:?set ADMIN_URL to a superuser URL of a PostgreSQL cluster (scripts/pg.sh start prints one)}"
for tool in wrk curl psql python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
[ -x "$binary" ] || { echo "bench: $binary is not an executable qgp binary" >&2; exit 1; }

db=qgp_bench_risks
role=qgp_bench_risks_app
log=$(mktemp /tmp/qgp-bench-risks-XXXXXX.log)
# shellcheck source=bench/lib/seeded_server.sh
source "$here/../lib/seeded_server.sh"
start_seeded_qgp "$ADMIN_URL" "$binary" "$db" "$role" bench-risks@example.test "$log" 1 1
cleanup() {
  kill -TERM "$QGP_PID" 2>/dev/null || true
  wait "$QGP_PID" 2>/dev/null || true
  [ -n "${BENCH_KEEP:-}" ] ||
    psql -X -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -f "$log"
}
trap cleanup EXIT

api() { # METHOD PATH [BODY]: the response body; fails (showing it) on a non-2xx status
  local body
  body=$(curl --fail-with-body -sS -X "$1" -H "Authorization: Bearer $BEARER_TOKEN" \
    -H 'Content-Type: application/json' ${3:+-d "$3"} "$QGP_BASE$2") ||
    { echo "bench: $1 $2 failed: $body" >&2; return 1; }
  printf '%s\n' "$body"
}
# The categories as the API declares them (not a second list here).
mapfile -t categories < <(curl -fsS "$QGP_BASE/openapi.json" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
for name, schema in doc["components"]["schemas"].items():
    if name.startswith("Risk") and "category" in schema.get("properties", {}):
        print("\n".join(schema["properties"]["category"]["enum"])); break')
[ "${#categories[@]}" -gt 0 ] || { echo "bench: no risk categories in /openapi.json" >&2; exit 1; }

echo "seeding 25 risks through the API (one per cell), then $risks in SQL ..."
cell=0
for likelihood in 1 2 3 4 5; do
  for impact in 1 2 3 4 5; do
    category=${categories[$((cell % ${#categories[@]}))]}
    id=$(api POST /api/v1/risks "{\"title\": \"Seed $likelihood x $impact\", \"description\": \"bench\",
      \"category\": \"$category\", \"likelihood\": $likelihood, \"impact\": $impact}" |
      python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
    api POST "/api/v1/risks/$id/transitions" '{"to": "assessing"}' >/dev/null
    # Inherent: this cell; residual: one step down on both axes.
    api POST "/api/v1/risks/$id/assessments" "{\"assessment_type\": \"initial\",
      \"inherent_likelihood\": $likelihood, \"inherent_impact\": $impact,
      \"residual_likelihood\": $(( likelihood > 1 ? likelihood - 1 : 1 )),
      \"residual_impact\": $(( impact > 1 ? impact - 1 : 1 )), \"assessment_notes\": \"bench\"}" >/dev/null
    cell=$((cell + 1))
  done
done

seed_started=$(date +%s.%N)
psql -X -q -v ON_ERROR_STOP=1 -v copies=$(( (risks + 24) / 25 - 1 )) "$QGP_OWNER_URL" <<'SQL'
BEGIN;
CREATE TEMP TABLE seeds AS SELECT id FROM risks ORDER BY id LIMIT 25;
-- Every column of the seed but its identity, reference and department; the seed's id goes into
-- subcategory, to copy its assessment (an UPDATE clearing it would leave the visibility map unset
-- and the heat map's index-only scan fetching every heap page).
SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS cols
FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = 'risks'
  AND column_name NOT IN ('id', 'reference_number', 'department', 'subcategory') \gset
INSERT INTO risks (reference_number, department, subcategory, :cols)
SELECT 'RSK-' || extract(year FROM now())::int || '-' || lpad(n::text, greatest(4, length(n::text)), '0'),
       'Dept ' || ((25 * g + r.id) % 12), 'seed:' || r.id, :cols
FROM generate_series(1, :copies) g, risks r, LATERAL (SELECT 25 * g + r.id AS n) serial
WHERE r.id IN (SELECT id FROM seeds);
SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS acols,
       string_agg('a.' || quote_ident(column_name), ', ' ORDER BY ordinal_position) AS seed_acols
FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = 'risk_assessments'
  AND column_name NOT IN ('id', 'risk_id') \gset
INSERT INTO risk_assessments (risk_id, :acols)
SELECT r.id, :seed_acols FROM risks r
JOIN risk_assessments a ON a.risk_id = substring(r.subcategory FROM 6)::bigint
WHERE r.subcategory LIKE 'seed:%';
COMMIT;
VACUUM ANALYZE risks;
VACUUM ANALYZE risk_assessments;
SQL
printf 'seeded %s risks and %s assessments in SQL in %.1f s\n' \
  "$(psql -X -Atc 'SELECT count(*) FROM risks' "$QGP_OWNER_URL")" \
  "$(psql -X -Atc 'SELECT count(*) FROM risk_assessments' "$QGP_OWNER_URL")" \
  "$(echo "$(date +%s.%N) - $seed_started" | bc)"

# An index-only scan reads the heap for pages not marked all-visible: say how many are (a cluster
# with synchronous_commit=off, such as scripts/pg.sh's ephemeral one, leaves them unmarked).
psql -X -At "$QGP_OWNER_URL" -c "SELECT 'all-visible pages of risks: ' || relallvisible || ' of ' || relpages
  FROM pg_class WHERE relname = 'risks'"
lua=$(mktemp /tmp/qgp-bench-risks-XXXXXX.lua)
trap 'cleanup; rm -f "$lua"' EXIT
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$BEARER_TOKEN" >"$lua"
printf '\n%-44s %9s %9s %9s %9s\n' "GET (1 connection, $duration)" "req/s" "p50 ms" "p99 ms" "max ms"
for target in "/api/v1/risks/matrix" "/api/v1/risks/matrix?basis=inherent" \
              "/api/v1/risks/matrix?basis=inherent&department=Dept%203"; do
  api GET "$target" >/dev/null
  wrk -t1 -c1 -d"$duration" --latency -s "$lua" "$QGP_BASE$target" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
pct = {m[0]: ms(m[1], m[2]) for m in re.findall(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)", text, re.M)}
mx = re.search(r"Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)", text)
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
line = "%-44s %9.1f %9.2f %9.2f %9.2f" % (sys.argv[1], float(rps[1]), pct["50"], pct["99"], ms(mx[1], mx[2]))
print(line + ("  NON-2xx: " + non2xx[1] if non2xx else ""))' "$target"
done

# The plans of the exact statements the server ran (their text from pg_stat_activity), with the
# parameter the department-filtered request sent.
echo
for basis in residual inherent; do
  marker=$([ "$basis" = inherent ] && echo "SELECT r.inherent_likelihood" || echo "SELECT r.likelihood")
  for filter in "" "Dept 3"; do
    api GET "/api/v1/risks/matrix?basis=$basis${filter:+&department=${filter// /%20}}" >/dev/null
    filtered=$([ -n "$filter" ] && echo true || echo false)
    sql=$(psql -X -At "$QGP_OWNER_URL" -c "SELECT query FROM pg_stat_activity
      WHERE usename = '$role' AND query LIKE '$marker%GROUP BY 1, 2'
        AND (query LIKE '%department = \$1%') = $filtered LIMIT 1")
    [ -n "$sql" ] || { echo "bench: the $basis statement was not found in pg_stat_activity" >&2; exit 1; }
    echo "== EXPLAIN $basis${filter:+ (department = '$filter')}"
    psql -X -q -At "$QGP_OWNER_URL" <<SQL
PREPARE heat_map AS $sql;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE heat_map${filter:+('$filter')};
SQL
  done
done
