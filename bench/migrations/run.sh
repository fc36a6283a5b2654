#!/usr/bin/env bash
# Times `qgp db` against its floor and against Alembic 1.8, in one run, on one cluster, for N-revision
# chains (gen_chain.sh: one table with 5 columns + an index per revision, the DDL of the Alembic peer):
#
#   upgrade_head    `upgrade head` from an empty schema
#                   qgp (a transaction per revision), qgp --single-transaction, the psql floor of each
#                   (`psql -1 -f` of qgp's own `upgrade head --sql` plan: PostgreSQL running the same
#                   SQL with no engine around it), Alembic (stock env.py: one transaction)
#   downgrade_base  `downgrade base` from head, the same five ways
#   heads, history  offline (revision files only); current reads the version table
#   upgrade_sql     `upgrade head --sql` (offline plan)
#
#   bench/migrations/run.sh [--alembic-bench DIR] ADMIN_URL [QGP_BINARY]
#
# ADMIN_URL: a superuser URL ending in /postgres. Use a durable cluster (fsync on, like the peers'):
#   url=$(scripts/pg.sh start /tmp/qgp-bench-pg 55470)        # not QGP_PG_EPHEMERAL=1
# DIR (or ALEMBIC_BENCH_DIR): the Alembic peer's folder, holding gen_project.py (it writes the same
#   N-revision chains as an Alembic project). Without it, set NO_ALEMBIC=1 to time qgp and psql only.
# QGP_BINARY: default build/release/bin/qgp.
# Env: NS (default "10 100 500"), RUNS (default 10; at most 5 for N >= 500), OUT (default
#   /tmp/qgp-migrate-bench). /usr/bin/alembic comes from Debian (packages alembic, python3-alembic,
#   python3-psycopg2); the script installs them with apt-get when missing.
# Output: hyperfine JSON/markdown per measurement in $OUT and a summary table on stdout.
set -euo pipefail

alembic_bench=${ALEMBIC_BENCH_DIR:-}
if [ "${1:-}" = --alembic-bench ]; then
  alembic_bench=${2:?--alembic-bench needs a directory}
  shift 2
fi
admin=${1:?usage: run.sh [--alembic-bench DIR] ADMIN_URL [QGP_BINARY]}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
qgp=$(realpath "${2:-$here/../../build/release/bin/qgp}")
ns=${NS:-10 100 500}
runs=${RUNS:-10}
out=${OUT:-/tmp/qgp-migrate-bench}
mkdir -p "$out"
base=${admin%/postgres}
export QGP_ENV_FILE=/nonexistent

[ -x "$qgp" ] || { echo "run.sh: no qgp binary at $qgp" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "run.sh: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
with_alembic=1
if [ "${NO_ALEMBIC:-0}" = 1 ]; then
  with_alembic=0
elif [ -z "$alembic_bench" ] || [ ! -f "$alembic_bench/gen_project.py" ]; then
  echo "run.sh: the Alembic peer was not found: pass --alembic-bench DIR or set ALEMBIC_BENCH_DIR to the" \
    "folder holding gen_project.py (or NO_ALEMBIC=1)" >&2
  exit 2
elif [ ! -x /usr/bin/alembic ] || ! /usr/bin/python3 -c 'import alembic, psycopg2' 2>/dev/null; then
  echo "run.sh: installing Debian's Alembic (alembic, python3-alembic, python3-psycopg2)" >&2
  apt-get install -y --no-install-recommends alembic python3-alembic python3-psycopg2 >/dev/null
fi

# hf NAME PREPARE CMD [RUNS]: one hyperfine measurement, JSON in $out/NAME.json.
hf() {
  local name=$1 prepare=$2 cmd=$3 n_runs=${4:-$runs} args
  args=(--style basic --runs "$n_runs" --export-json "$out/$name.json" -n "$name")
  if [ -n "$prepare" ]; then args+=(--prepare "$prepare"); else args+=(--warmup 3); fi
  hyperfine "${args[@]}" "$cmd" >"$out/$name.txt" 2>&1 || { cat "$out/$name.txt" >&2; exit 1; }
  grep -E "Time \(mean" "$out/$name.txt" | sed "s/^/$name: /" >&2
}

for n in $ns; do
  db="qgp_bench_chain_$n"
  url="$base/$db"
  dir="$out/chain_$n"
  psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  "$here/gen_chain.sh" "$n" "$dir"
  reset="PGOPTIONS='-c client_min_messages=warning' psql -X -q $url -c 'DROP SCHEMA public CASCADE' -c 'CREATE SCHEMA public'"
  export DATABASE_URL=$url
  q="$qgp db --dir $dir"
  slow=$runs
  if (( n >= 500 )); then slow=$(( runs < 5 ? runs : 5 )); fi
  floor="psql -X -q -v ON_ERROR_STOP=1 $url -1 -f"

  # The plans the floor runs: exactly what qgp sends, from qgp itself.
  $q upgrade head --sql >"$out/up_$n.sql"
  $q upgrade head --sql --single-transaction >"$out/up1_$n.sql"
  $q downgrade base --sql >"$out/down_$n.sql"
  $q downgrade base --sql --single-transaction >"$out/down1_$n.sql"

  hf "qgp_upgrade_$n" "$reset" "$q upgrade head" "$slow"
  hf "qgp1_upgrade_$n" "$reset" "$q upgrade head --single-transaction" "$slow"
  # psql warns about the plan's own BEGIN inside -1's transaction: the SQL is the same.
  hf "floor_upgrade_$n" "$reset" "$floor $out/up_$n.sql 2>/dev/null" "$slow"
  hf "floor1_upgrade_$n" "$reset" "$floor $out/up1_$n.sql 2>/dev/null" "$slow"
  hf "qgp_downgrade_$n" "$reset; $q upgrade head" "$q downgrade base" "$slow"
  hf "qgp1_downgrade_$n" "$reset; $q upgrade head" "$q downgrade base --single-transaction" "$slow"
  hf "floor_downgrade_$n" "$reset; $q upgrade head" "$floor $out/down_$n.sql 2>/dev/null" "$slow"
  hf "floor1_downgrade_$n" "$reset; $q upgrade head" "$floor $out/down1_$n.sql 2>/dev/null" "$slow"
  $q upgrade head >/dev/null
  hf "qgp_heads_$n" "" "$q heads" $(( runs * 3 ))
  hf "qgp_history_$n" "" "$q history" $(( runs * 3 ))
  hf "qgp_current_$n" "" "$q current" $(( runs * 3 ))
  hf "qgp_upgrade_sql_$n" "" "$q upgrade head --sql" $(( runs * 3 ))

  if [ "$with_alembic" = 1 ]; then
    adir="$out/alembic_chain_$n"
    rm -rf "$adir"
    eval "$reset"
    /usr/bin/python3 "$alembic_bench/gen_project.py" chain --n "$n" --dir "$adir" --url "$url" >/dev/null
    (
      cd "$adir"
      /usr/bin/alembic heads >/dev/null 2>&1  # compile the revision scripts once, as the peer does
      hf "alembic_upgrade_$n" "$reset" "/usr/bin/alembic upgrade head" "$slow"
      hf "alembic_downgrade_$n" "$reset; /usr/bin/alembic upgrade head" "/usr/bin/alembic downgrade base" "$slow"
      /usr/bin/alembic upgrade head >/dev/null 2>&1
      hf "alembic_heads_$n" "" "/usr/bin/alembic heads" "$runs"
      hf "alembic_history_$n" "" "/usr/bin/alembic history" "$runs"
      hf "alembic_current_$n" "" "/usr/bin/alembic current" "$runs"
      hf "alembic_upgrade_sql_$n" "" "/usr/bin/alembic upgrade head --sql" "$runs"
    )
  fi
  psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
done

echo
echo "## qgp db vs its psql floor vs Alembic ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, one cluster)"
/usr/bin/python3 - "$out" "$ns" <<'EOF'
import json, os, sys
out, ns = sys.argv[1], sys.argv[2].split()
def mean(name):
    path = os.path.join(out, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        r = json.load(f)["results"][0]
    return r["mean"] * 1000, r["stddev"] * 1000 if r.get("stddev") is not None else 0.0
def cell(v):
    return "n/a" if v is None else f"{v[0]:.1f} ± {v[1]:.1f}"
def ratio(a, b):
    return "n/a" if a is None or b is None else f"{a[0] / b[0]:.2f}"
print()
print("| N | operation | qgp ms | psql floor ms | qgp/floor | qgp -1 ms | floor -1 ms | qgp -1/floor -1 | Alembic ms | qgp/Alembic | qgp -1/Alembic |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in ns:
    for op in ("upgrade", "downgrade"):
        q, f = mean(f"qgp_{op}_{n}"), mean(f"floor_{op}_{n}")
        q1, f1 = mean(f"qgp1_{op}_{n}"), mean(f"floor1_{op}_{n}")
        a = mean(f"alembic_{op}_{n}")
        print(f"| {n} | {op} | {cell(q)} | {cell(f)} | {ratio(q, f)} | {cell(q1)} | {cell(f1)} | {ratio(q1, f1)} | {cell(a)} | {ratio(q, a)} | {ratio(q1, a)} |")
print()
print("| N | command | qgp ms | Alembic ms | qgp/Alembic |")
print("|---:|---|---:|---:|---:|")
for n in ns:
    for op in ("heads", "history", "current", "upgrade_sql"):
        q, a = mean(f"qgp_{op}_{n}"), mean(f"alembic_{op}_{n}")
        print(f"| {n} | {op} | {cell(q)} | {cell(a)} | {ratio(q, a)} |")
EOF
