#!/usr/bin/env bash
# Times `qgp db check` (hyperfine) on the full declared schema and on a generated 200-table schema.
#   bench/schema/run.sh [BUILD_DIR]      (default build-release; a Release build is expected)
# Needs QGP_BENCH_DATABASE_URL: a superuser URL of a scratch cluster (e.g. one started with
# `QGP_PG_EPHEMERAL=1 scripts/pg.sh start /tmp/qgp-bench-pg 55499`). Creates and drops its own
# databases there.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-release}
admin=${QGP_BENCH_DATABASE_URL:?set QGP_BENCH_DATABASE_URL to a superuser URL of a scratch cluster}
qgp=$build/bin/qgp
[ -x "$qgp" ] || { echo "run.sh: $qgp not built" >&2; exit 1; }
base=${admin%/*}
full_db=qgp_bench_schema_full
gen_db=qgp_bench_schema_gen
tool=$build/bench_schema_generated_check

psql -q "$admin" -c "DROP DATABASE IF EXISTS $full_db WITH (FORCE)" -c "DROP DATABASE IF EXISTS $gen_db WITH (FORCE)" \
  -c "CREATE DATABASE $full_db TEMPLATE template0" -c "CREATE DATABASE $gen_db TEMPLATE template0"
trap 'psql -q "$admin" -c "DROP DATABASE IF EXISTS $full_db WITH (FORCE)" -c "DROP DATABASE IF EXISTS $gen_db WITH (FORCE)"' EXIT

# The generator links the same core library as qgp (a Release build compiles it with -O2 too).
g++ -std=c++20 -O2 -I"$root/src" "$root/bench/schema/generated_check.cpp" -o "$tool" \
  "$build/src/libqgp_core.a" "$build/migrations/libqgp_migrations.a" -lpq -lfmt -lspdlog -lsodium \
  -lcrypto -lpthread

export APP_ENV=development QGP_ENV_FILE=/nonexistent
DATABASE_URL="$base/$full_db" "$qgp" db upgrade head >/dev/null
DATABASE_URL="$base/$full_db" "$qgp" db check
"$tool" setup "$base/$gen_db" 200
"$tool" check "$base/$gen_db" 200

DATABASE_URL="$base/$full_db" hyperfine --warmup 2 --runs ${QGP_BENCH_RUNS:-10} \
  --export-markdown "$build/bench_schema_check.md" \
  -n "qgp db check (full declared schema)" "$qgp db check" \
  -n "check, generated 200-table schema" "$tool check $base/$gen_db 200"
