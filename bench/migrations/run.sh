#!/usr/bin/env bash
# Times the migration engine with hyperfine on generated N-revision chains (gen_chain.sh: one
# table with 5 columns + an index per revision, the same DDL as the Alembic peer) and, with
# ALEMBIC=1, Alembic on the same chain, the same cluster and the same machine:
#   upgrade_head      `upgrade head` from an empty schema
#   downgrade_base    `downgrade base` from head
#   heads / history   offline (revision files only)
#   current           reads the version table
#   upgrade_head_sql  `upgrade head --sql` (offline plan)
#
#   bench/migrations/run.sh ADMIN_URL [QGP_BINARY]
# ADMIN_URL: a superuser URL ending in /postgres (e.g. the one scripts/pg.sh start prints).
# Env: NS (default "10 100 500"), RUNS (default 10), ALEMBIC=1 (also time /usr/bin/alembic via
# /work/shared/peers/alembic-bench/gen_project.py), OUT (default /tmp/qgp-migrate-bench).
# Output: one hyperfine markdown table per N and tool in $OUT, and a summary on stdout.
set -euo pipefail
admin=${1:?usage: run.sh ADMIN_URL [QGP_BINARY]}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
qgp=${2:-$here/../../build/release/bin/qgp}
ns=${NS:-10 100 500}
runs=${RUNS:-10}
out=${OUT:-/tmp/qgp-migrate-bench}
mkdir -p "$out"
base=${admin%/postgres}
export QGP_ENV_FILE=/nonexistent

summary=()
for n in $ns; do
  db="qgp_bench_chain_$n"
  url="$base/$db"
  dir="$out/chain_$n"
  psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  "$here/gen_chain.sh" "$n" "$dir"
  reset="psql -X -q $url -c 'DROP SCHEMA public CASCADE' -c 'CREATE SCHEMA public'"
  export DATABASE_URL=$url
  q="$qgp db --dir $dir"
  slow_runs=$runs
  if (( n >= 500 )); then slow_runs=$(( runs < 5 ? runs : 5 )); fi
  hyperfine --style basic --runs "$slow_runs" --prepare "$reset" \
    --export-markdown "$out/qgp_upgrade_$n.md" --export-json "$out/qgp_upgrade_$n.json" \
    -n "qgp upgrade_head N=$n" "$q upgrade head"
  hyperfine --style basic --runs "$slow_runs" --prepare "$reset; $q upgrade head" \
    --export-markdown "$out/qgp_downgrade_$n.md" --export-json "$out/qgp_downgrade_$n.json" \
    -n "qgp downgrade_base N=$n" "$q downgrade base"
  $q upgrade head >/dev/null
  hyperfine --style basic --runs "$(( runs * 3 ))" --warmup 3 \
    --export-markdown "$out/qgp_fast_$n.md" --export-json "$out/qgp_fast_$n.json" \
    -n "qgp heads N=$n" "$q heads" \
    -n "qgp history N=$n" "$q history" \
    -n "qgp current N=$n" "$q current" \
    -n "qgp upgrade_head_sql N=$n" "$q upgrade head --sql"
  summary+=("$out/qgp_upgrade_$n.md" "$out/qgp_downgrade_$n.md" "$out/qgp_fast_$n.md")

  if [ "${ALEMBIC:-0}" = 1 ]; then
    adir="$out/alembic_chain_$n"
    rm -rf "$adir"
    psql -X -q "$url" -c 'DROP SCHEMA public CASCADE' -c 'CREATE SCHEMA public'
    /usr/bin/python3 /work/shared/peers/alembic-bench/gen_project.py chain --n "$n" --dir "$adir" \
      --url "$url" >/dev/null
    (
      cd "$adir"
      /usr/bin/alembic heads >/dev/null 2>&1  # compile the revision scripts once
      hyperfine --style basic --runs "$slow_runs" --prepare "$reset" \
        --export-markdown "$out/alembic_upgrade_$n.md" -n "alembic upgrade_head N=$n" \
        "/usr/bin/alembic upgrade head"
      hyperfine --style basic --runs "$slow_runs" \
        --prepare "$reset; /usr/bin/alembic upgrade head" \
        --export-markdown "$out/alembic_downgrade_$n.md" -n "alembic downgrade_base N=$n" \
        "/usr/bin/alembic downgrade base"
      /usr/bin/alembic upgrade head >/dev/null 2>&1
      hyperfine --style basic --runs "$runs" --warmup 1 \
        --export-markdown "$out/alembic_fast_$n.md" \
        -n "alembic heads N=$n" "/usr/bin/alembic heads" \
        -n "alembic history N=$n" "/usr/bin/alembic history" \
        -n "alembic current N=$n" "/usr/bin/alembic current" \
        -n "alembic upgrade_head_sql N=$n" "/usr/bin/alembic upgrade head --sql"
    )
    summary+=("$out/alembic_upgrade_$n.md" "$out/alembic_downgrade_$n.md" "$out/alembic_fast_$n.md")
  fi
  psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
done

echo
echo "## Results ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores)"
for file in "${summary[@]}"; do
  cat "$file"
done
